/**
 * Rigel's core: the application model, routing, binding, DTOs, middleware and the protocol servers
 * speak. Every package without {@code internal} or {@code spi} in its name is API; the {@code spi}
 * packages are seams for other Rigel modules only (qualified exports), and {@code internal}
 * packages are never exported.
 */
// "module": the qualified exports name Rigel modules that are compiled after this one, which javac
// reports as "module not found" here
@SuppressWarnings("module")
module dev.rigel.core {
    // the API shows Jackson's types (App.objectMapper(), SerializationPlugin's modules, DTOCodec's
    // JsonGenerator); databind brings jackson-core and jackson-annotations transitively
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires jakarta.validation;
    requires org.hibernate.validator;
    // Hibernate Validator interpolates messages with Jakarta EL but requires it only `static`, so on
    // the module path nothing would resolve it; requiring it here also binds its provider (Expressly)
    requires jakarta.el;
    requires org.objectweb.asm;
    requires org.apache.commons.fileupload2.core;
    requires org.apache.commons.io;
    // LoggingConfig takes SLF4J's log levels
    requires transitive org.slf4j;
    // the compression middleware uses brotli and zstd when the app puts them on its path (optional
    // dependencies, they carry native libraries)
    requires static com.aayushatharva.brotli4j;
    requires static com.github.luben.zstd_jni;

    exports dev.rigel;
    exports dev.rigel.annotation;
    exports dev.rigel.cache;
    exports dev.rigel.channels;
    exports dev.rigel.di;
    exports dev.rigel.dto;
    exports dev.rigel.dto.field;
    exports dev.rigel.events;
    exports dev.rigel.flash;
    exports dev.rigel.exceptions;
    exports dev.rigel.form;
    exports dev.rigel.function;
    exports dev.rigel.health;
    exports dev.rigel.htmx;
    exports dev.rigel.http;
    exports dev.rigel.middleware;
    exports dev.rigel.middleware.compression;
    exports dev.rigel.middleware.cors;
    exports dev.rigel.middleware.csrf;
    exports dev.rigel.middleware.hosts;
    exports dev.rigel.middleware.logging;
    exports dev.rigel.middleware.ratelimit;
    exports dev.rigel.middleware.session;
    exports dev.rigel.pagination;
    exports dev.rigel.plugin;
    exports dev.rigel.problem;
    exports dev.rigel.protocol;
    exports dev.rigel.response;
    exports dev.rigel.security;
    exports dev.rigel.staticfiles;
    exports dev.rigel.stores;
    exports dev.rigel.template;
    exports dev.rigel.websocket;

    // seams for Rigel's own modules, not API
    exports dev.rigel.spi to
            dev.rigel.config,
            dev.rigel.metrics,
            dev.rigel.otel,
            dev.rigel.testing,
            dev.rigel.openapi;
    exports dev.rigel.exceptions.spi to
            dev.rigel.jpa,
            dev.rigel.pgclient;
    exports dev.rigel.dto.spi to
            dev.rigel.jpa;
    exports dev.rigel.stores.spi to
            dev.rigel.redis;

    // Jackson makes the members it uses accessible first, which the module system allows without
    // `opens` only for public members of public types in exported packages (so error bodies'
    // ValidationError and OffsetPagination need none). The response cache's stored entry
    // (ResponseCache.Entry, a package-private record) is not one: Jackson writes and reads it.
    opens dev.rigel.internal.cache to
            com.fasterxml.jackson.databind;

    // automatic plugins (rigel-openapi's, the app's) are found with the ServiceLoader
    uses dev.rigel.plugin.AutoPlugin;
}
