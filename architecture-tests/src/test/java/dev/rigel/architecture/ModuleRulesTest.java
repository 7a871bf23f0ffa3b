package dev.rigel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rules between and within modules: no package cycles in a module, no module uses another
 * module's {@code internal} packages, and {@code dev.rigel.protocol} stands on the JDK alone.
 */
class ModuleRulesTest {

    private static final JavaClasses CLASSES = RigelModule.importedClasses();

    static final List<RigelModule> MODULES = RigelModule.ALL;

    /** Guards the rules below against passing on nothing: every module's classes were found. */
    @ParameterizedTest(name = "{0}: its main classes are on the class path")
    @FieldSource("MODULES")
    void everyModuleIsImported(RigelModule module) {
        assertThat(module.classesIn(CLASSES))
                .as(
                        "no main class of %s was found on the test class path, neither %s/target/classes/ nor the"
                                + " jar in %s/target/. Build it in the same reactor: ./mvnw -pl architecture-tests"
                                + " -am … (without -am Maven takes the jar from the local repository, which"
                                + " these rules do not read). If that is how it ran: is the module a test-scoped"
                                + " dependency of rigel-architecture-tests, and does RigelModule still match"
                                + " where the reactor puts its classes?",
                        module.name(), module.directory(), module.directory())
                .isNotEmpty();
    }

    // ---- 1. no package cycles within a module

    @ParameterizedTest(name = "{0}: no cycles between its packages")
    @FieldSource("MODULES")
    void noPackageCyclesInAModule(RigelModule module) {
        ArchRule rule = slices().assignedFrom(EACH_PACKAGE)
                .should()
                .beFreeOfCycles()
                .as("the packages of " + module.name() + " are free of cycles")
                .because("a package cycle means no package of it can be understood, tested or moved on its own."
                        + " Break each cycle below by moving the class that closes it into the package it"
                        + " depends on (or a new lower one), or by turning the dependency around with an"
                        + " interface that the lower package owns");
        rule.check(module.classesIn(CLASSES));
    }

    /**
     * Each package of Rigel is its own slice, the top package {@code dev.rigel} included (a pattern
     * like {@code dev.rigel.(**)} would leave it out, and with it every cycle through App or Router).
     */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String packageName = javaClass.getPackageName();
            return packageName.equals("dev.rigel") || packageName.startsWith("dev.rigel.")
                    ? SliceIdentifier.of(packageName)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of dev.rigel";
        }
    };

    // ---- 2. internal packages stay inside their module

    /** The module that holds each package (a package never spans two modules; see the test below). */
    private static final Map<String, RigelModule> PACKAGE_OWNERS = packageOwners();

    @ParameterizedTest(name = "{0}: uses no other module''s internal packages")
    @FieldSource("MODULES")
    void internalPackagesAreNotUsedFromAnotherModule(RigelModule consumer) {
        ArchRule rule = classes()
                .should(notDependOnInternalsOfAnotherModule(consumer))
                .as("classes of " + consumer.name() + " use no class of another module's internal packages")
                .because("a module's `internal` packages are its implementation, free to change with no"
                        + " notice. Where " + consumer.name() + " needs what such a class does, the owning"
                        + " module should offer it in an exported package (a public type, or a method"
                        + " of one), and " + consumer.name() + " should call that instead");
        rule.check(consumer.classesIn(CLASSES));
    }

    /**
     * The bytecode misses one kind of use: javac copies a compile-time constant ({@code static final}
     * String or primitive) into the class that reads it, so a module reading another's internal
     * constant leaves no trace for the rule above. This test reads the module's sources for any
     * name of another module's internal class (imports, static imports, qualified names; comments
     * aside).
     */
    @ParameterizedTest(name = "{0}: its sources name no other module''s internal class (constants included)")
    @FieldSource("MODULES")
    void internalPackagesAreNotNamedInSourcesOfAnotherModule(RigelModule consumer) throws IOException {
        Path sources = REPOSITORY_ROOT.resolve(consumer.directory()).resolve("src/main/java");
        assertThat(sources)
                .as("the sources of %s, read from %s (system property rigel.repositoryRoot)", consumer.name(), sources)
                .isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = withoutComments(Files.readString(file));
                Matcher name = QUALIFIED_NAME.matcher(code);
                while (name.find()) {
                    String packageName = name.group(1);
                    RigelModule owner = PACKAGE_OWNERS.get(packageName);
                    if (owner != null && owner != consumer && isInternal(packageName)) {
                        violations.add(consumer.name() + " -> " + owner.name() + " internal " + packageName + "."
                                + name.group(2) + " in " + sources.relativize(file) + ":" + lineOf(code, name.start()));
                    }
                }
            }
        }
        assertThat(violations)
                .withFailMessage(
                        "The sources of %s name classes in another module's internal packages, which are that"
                                + " module's implementation and free to change with no notice (a constant read"
                                + " from them is copied into %s's bytecode at compile time, so only the sources"
                                + " show it). Have the owning module offer what is needed in an exported"
                                + " package and use that instead:%n  %s",
                        consumer.name(), consumer.name(), String.join(System.lineSeparator() + "  ", violations))
                .isEmpty();
    }

    /** The repository's root directory, where each module's sources are (set by this module's pom). */
    private static final Path REPOSITORY_ROOT = Path.of(System.getProperty("rigel.repositoryRoot", ".."));

    /** A qualified name of a class of Rigel: group 1 its package, group 2 the class (or * of an import). */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("\\b(dev\\.rigel(?:\\.[a-z_][A-Za-z0-9_]*)*)\\.([A-Z][A-Za-z0-9_]*|\\*)");

    /** Comments, and the string literals a comment marker may sit in (kept: a class name in a string is a use too). */
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|//[^\\n]*|/\\*[\\s\\S]*?\\*/");

    /** The code with each comment blanked out, its line breaks kept so that line numbers stay right. */
    private static String withoutComments(String code) {
        return COMMENT_OR_STRING.matcher(code).replaceAll(match -> {
            String text = match.group();
            return Matcher.quoteReplacement(text.startsWith("/") ? text.replaceAll("[^\\n]", " ") : text);
        });
    }

    private static int lineOf(String code, int index) {
        return (int) code.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    @DisplayName("a package belongs to one module only")
    void noPackageSpansTwoModules() {
        Map<String, String> firstOwner = new HashMap<>();
        for (RigelModule module : MODULES) {
            for (JavaClass javaClass : module.classesIn(CLASSES)) {
                String owner = firstOwner.putIfAbsent(javaClass.getPackageName(), module.name());
                assertThat(owner == null || owner.equals(module.name()))
                        .as(
                                "package %s is in both %s and %s (%s): a split package breaks the JPMS and makes"
                                        + " the internal-package rule guess; move the classes into one module",
                                javaClass.getPackageName(), owner, module.name(), javaClass.getName())
                        .isTrue();
            }
        }
    }

    private static Map<String, RigelModule> packageOwners() {
        Map<String, RigelModule> owners = new HashMap<>();
        for (RigelModule module : MODULES) {
            for (JavaClass javaClass : module.classesIn(CLASSES)) {
                owners.putIfAbsent(javaClass.getPackageName(), module);
            }
        }
        return owners;
    }

    private static boolean isInternal(String packageName) {
        return ("." + packageName + ".").contains(".internal.");
    }

    private static ArchCondition<JavaClass> notDependOnInternalsOfAnotherModule(RigelModule consumer) {
        return new ArchCondition<>("not depend on classes in another module's internal packages") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    String targetPackage = dependency.getTargetClass().getPackageName();
                    RigelModule owner = PACKAGE_OWNERS.get(targetPackage);
                    if (owner != null && owner != consumer && isInternal(targetPackage)) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                consumer.name() + " -> " + owner.name() + " internal "
                                        + dependency.getTargetClass().getName() + ": "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }

    // ---- 3. the protocol package stands alone

    @Test
    @DisplayName("dev.rigel.protocol depends on the JDK and itself only")
    void protocolDependsOnNothingOfRigel() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("dev.rigel.protocol..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.rigel.protocol..", "java..", "javax..", "jdk..")
                .as("dev.rigel.protocol depends on nothing but the JDK and itself")
                .because("it is the contract between a server (rigel-netty, the TestClient) and an"
                        + " application, the bottom layer every other package builds on. Move what it"
                        + " needs from Rigel into dev.rigel.protocol, or pass it in as a JDK type (a"
                        + " Map, an Object attribute) that the layer above interprets");
        rule.check(RigelModule.CORE.classesIn(CLASSES));
    }
}
