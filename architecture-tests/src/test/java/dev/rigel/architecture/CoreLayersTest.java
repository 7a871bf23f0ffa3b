package dev.rigel.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of rigel-core's packages, from the bottom: {@code dev.rigel.protocol} (see {@link
 * ModuleRulesTest}), the request/response vocabulary in {@code dev.rigel.http}, the {@code internal}
 * machinery, and the top package {@code dev.rigel} (App, Router, Controller, Route, LayerBuilder…)
 * that assembles an application. Each allow-list below is the one place to edit when a package
 * moves between layers.
 */
class CoreLayersTest {

    private static final JavaClasses CORE = RigelModule.CORE.classesIn(RigelModule.importedClasses());

    /** The top package, exactly: the app's assembly (App, Router, Controller, Route, LayerBuilder…). */
    private static final String TOP_PACKAGE = "dev.rigel";

    /** The request/response vocabulary (Request, Response, Cookie, HandlerInfo…). */
    private static final String HTTP = "dev.rigel.http..";

    /** What {@link #HTTP} may use of Rigel, besides itself. */
    private static final String[] HTTP_MAY_USE = {
        "dev.rigel.protocol..",
        "dev.rigel.exceptions..",
        "dev.rigel.spi..",
        "dev.rigel.pagination..",
        "dev.rigel.dto..",
        "dev.rigel.form..",
        "dev.rigel.function..",
        "dev.rigel.internal.http..",
    };

    /** Packages outside the top package whose classes may use {@code dev.rigel.App}: plugins that configure the app. */
    private static final String[] MAY_USE_APP = {
        "dev.rigel.channels..",
        "dev.rigel.flash..",
        "dev.rigel.health..",
        "dev.rigel.staticfiles..",
        "dev.rigel.problem..",
    };

    /** The internal machinery, which the top package drives and which never calls back up into it. */
    private static final String INTERNAL = "dev.rigel.internal..";

    /**
     * The machinery that turns layers into routes and serves them. Features (middleware, DTOs,
     * stores, channels, …) sit below it and never reach into it; they plug in through public
     * seams such as {@code ParameterSource}, {@code TemplateContext} or {@code Middleware}.
     */
    private static final String[] APP_MACHINERY = {
        "dev.rigel.internal.app..",
        "dev.rigel.internal.assembly..",
        "dev.rigel.internal.websocket..",
        "dev.rigel.internal.binding..",
        "dev.rigel.internal.exchange..",
        "dev.rigel.internal.body..",
        "dev.rigel.internal.cache..",
    };

    @Test
    @DisplayName(
            "dev.rigel.http uses only the protocol, exceptions, pagination, dto, function and internal packages of Rigel")
    void httpUsesOnlyTheLowerLayers() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage(HTTP)
                .should()
                .dependOnClassesThat(rigelClassesOutside(HTTP, HTTP_MAY_USE))
                .as("dev.rigel.http depends on no Rigel package but itself and " + String.join(", ", HTTP_MAY_USE))
                .because("Request, Response and the rest of the vocabulary sit below the app: handlers,"
                        + " middleware and servers use them without pulling in App or Router. Move the"
                        + " needed piece down into one of those packages, or take it as a parameter of a"
                        + " type that lives there; if the dependency is right, add its package to"
                        + " CoreLayersTest.HTTP_MAY_USE");
        rule.check(CORE);
    }

    @Test
    @DisplayName(
            "only dev.rigel and the app-configuring plugins (channels, flash, health, staticfiles, problem) use dev.rigel.App")
    void onlyTheTopPackageAndPluginsUseApp() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage(TOP_PACKAGE)
                .and()
                .resideOutsideOfPackages(MAY_USE_APP)
                .should()
                .dependOnClassesThat(isApp())
                .as("no class of rigel-core outside " + TOP_PACKAGE + " and " + String.join(", ", MAY_USE_APP)
                        + " depends on dev.rigel.App")
                .because("App is the top of the layering: it assembles everything else, so nothing below"
                        + " may reach back to it. Pass the class what it needs (a Router, a config value, a"
                        + " callback) instead of the App; if it is a plugin that configures the app, add its"
                        + " package to CoreLayersTest.MAY_USE_APP");
        rule.check(CORE);
    }

    @Test
    @DisplayName("dev.rigel.internal never uses the top package dev.rigel")
    void internalDoesNotUseTheTopPackage() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage(INTERNAL)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(TOP_PACKAGE)
                .as("dev.rigel.internal.. depends on no class of the top package dev.rigel")
                .because("the top package (App, Router, Controller, Route, LayerBuilder…) drives the internal"
                        + " machinery, not the other way round. Give the internal class the data it needs"
                        + " (a resolved route, a handler description) in a type of its own or of a lower"
                        + " package, and let the top package translate");
        rule.check(CORE);
    }

    @Test
    @DisplayName("features never reach into the app's machinery (internal.app, assembly, binding, …)")
    void featuresDoNotUseTheAppMachinery() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages(TOP_PACKAGE, INTERNAL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(APP_MACHINERY)
                .as("no public package of rigel-core but " + TOP_PACKAGE + " depends on "
                        + String.join(", ", APP_MACHINERY))
                .because("features sit below the app and plug in through public seams (ParameterSource,"
                        + " TemplateContext, Middleware, plugins); a feature that reaches into the machinery ties"
                        + " the two together again. Add the seam the feature needs instead");
        rule.check(CORE);
    }

    /** Classes of Rigel ({@code dev.rigel..}) in neither {@code own} nor any of {@code allowed}. */
    private static DescribedPredicate<JavaClass> rigelClassesOutside(String own, String... allowed) {
        return resideInAPackage("dev.rigel..")
                .and(not(resideInAPackage(own)))
                .and(not(resideInAnyPackage(allowed)))
                .as("Rigel classes outside " + String.join(", ", allowed));
    }

    /** {@code dev.rigel.App} and its nested classes, by name, so the rule survives App's code changing. */
    private static DescribedPredicate<JavaClass> isApp() {
        return DescribedPredicate.describe(
                "dev.rigel.App",
                (JavaClass javaClass) -> javaClass.getName().equals("dev.rigel.App")
                        || javaClass.getName().startsWith("dev.rigel.App$"));
    }
}
