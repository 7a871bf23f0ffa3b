/** SQL for Rigel apps: JDBC connections from a pool (dev.rigel.jdbc) and JPA with Hibernate (dev.rigel.jpa). */
// "requires-transitive-automatic": Hibernate ORM is an automatic module; its name comes from the
// Automatic-Module-Name in its manifest, so it is stable
@SuppressWarnings("requires-transitive-automatic")
module dev.rigel.jpa {
    requires transitive dev.rigel.core;
    // the API shows DataSource, HikariConfig, EntityManager(Factory) and Hibernate's schema Action
    requires transitive java.sql;
    requires transitive com.zaxxer.hikari;
    requires transitive jakarta.persistence;
    requires transitive org.hibernate.orm.core;
    requires jakarta.validation;
    requires org.hibernate.validator;
    requires org.objectweb.asm;
    requires org.slf4j;

    exports dev.rigel.jdbc;
    exports dev.rigel.jpa;

    // the plugins register their providers as method references (Provide.of(this::…)), which
    // rigel-core reads back as SerializedLambda through the lambda class's private writeReplace
    opens dev.rigel.jdbc to
            dev.rigel.core;
    opens dev.rigel.jpa to
            dev.rigel.core;
}
