/** PostgreSQL on the Vert.x reactive client: a pipelining pool for Rigel apps. */
module dev.rigel.pgclient {
    requires transitive dev.rigel.core;
    requires transitive io.vertx.core;
    requires transitive io.vertx.sql.client;
    requires transitive io.vertx.sql.client.pg;
    requires io.netty.common;
    requires io.netty.transport;
    requires org.slf4j;

    exports dev.rigel.pgclient;
}
