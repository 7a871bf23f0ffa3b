package dev.rigel.jpa.internal;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.ConnectionConsumer;
import jakarta.persistence.ConnectionFunction;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.FindOption;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockOption;
import jakarta.persistence.Query;
import jakarta.persistence.RefreshOption;
import jakarta.persistence.StoredProcedureQuery;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.TypedQueryReference;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaSelect;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.metamodel.Metamodel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A request's {@code EntityManager} that opens its Hibernate session on first use, as Spring's
 * shared {@code EntityManager} does: a handler that asks for {@code dbSession} but answers from a
 * cache opens no session, takes no connection and begins no transaction. The factory-level
 * questions ({@link #getMetamodel()}, {@link #getCriteriaBuilder()},
 * {@link #getEntityManagerFactory()}) are answered without one, so building a {@code Repository}
 * opens nothing either. Every other method opens the session, prepared as the request's mode
 * wants (read-only, or inside a transaction), and passes the call on.
 *
 * <p>One request uses it at a time, so it needs no locking. A profile of the seed's cached
 * {@code GET /api/v1/users/1} had about 5% of its samples opening and closing a session that no
 * statement used.
 */
final class LazySession implements EntityManager {

    private final EntityManagerFactory factory;
    private final Consumer<EntityManager> prepare;
    private EntityManager session;
    private boolean closed;

    /**
     * @param prepare run on the session as it opens (read-only settings, or a transaction begun);
     *     if it throws, the session is closed and the call fails with it
     */
    LazySession(EntityManagerFactory factory, Consumer<EntityManager> prepare) {
        this.factory = factory;
        this.prepare = prepare;
    }

    /** The session if a call has opened it, else null. */
    EntityManager opened() {
        return session;
    }

    private EntityManager session() {
        EntityManager current = session;
        if (current == null) {
            if (closed) {
                throw new IllegalStateException("This EntityManager is closed");
            }
            current = factory.createEntityManager();
            try {
                prepare.accept(current);
            } catch (RuntimeException e) {
                current.close();
                throw e;
            }
            session = current;
        }
        return current;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        closed = true;
    }

    @Override
    public boolean isOpen() {
        return session != null ? session.isOpen() : !closed;
    }

    @Override
    public void persist(Object entity) {
        session().persist(entity);
    }

    @Override
    public <T> T merge(T entity) {
        return session().merge(entity);
    }

    @Override
    public void remove(Object entity) {
        session().remove(entity);
    }

    @Override
    public <T> T find(Class<T> entityClass, Object primaryKey) {
        return session().find(entityClass, primaryKey);
    }

    @Override
    public <T> T find(Class<T> entityClass, Object primaryKey, Map<String, Object> properties) {
        return session().find(entityClass, primaryKey, properties);
    }

    @Override
    public <T> T find(Class<T> entityClass, Object primaryKey, LockModeType lockMode) {
        return session().find(entityClass, primaryKey, lockMode);
    }

    @Override
    public <T> T find(Class<T> entityClass, Object primaryKey, LockModeType lockMode, Map<String, Object> properties) {
        return session().find(entityClass, primaryKey, lockMode, properties);
    }

    @Override
    public <T> T find(Class<T> entityClass, Object primaryKey, FindOption... options) {
        return session().find(entityClass, primaryKey, options);
    }

    @Override
    public <T> T find(EntityGraph<T> graph, Object primaryKey, FindOption... options) {
        return session().find(graph, primaryKey, options);
    }

    @Override
    public <T> T getReference(Class<T> entityClass, Object primaryKey) {
        return session().getReference(entityClass, primaryKey);
    }

    @Override
    public <T> T getReference(T entity) {
        return session().getReference(entity);
    }

    @Override
    public void flush() {
        session().flush();
    }

    @Override
    public void setFlushMode(FlushModeType flushMode) {
        session().setFlushMode(flushMode);
    }

    @Override
    public FlushModeType getFlushMode() {
        return session().getFlushMode();
    }

    @Override
    public void lock(Object entity, LockModeType lockMode) {
        session().lock(entity, lockMode);
    }

    @Override
    public void lock(Object entity, LockModeType lockMode, Map<String, Object> properties) {
        session().lock(entity, lockMode, properties);
    }

    @Override
    public void lock(Object entity, LockModeType lockMode, LockOption... options) {
        session().lock(entity, lockMode, options);
    }

    @Override
    public void refresh(Object entity) {
        session().refresh(entity);
    }

    @Override
    public void refresh(Object entity, Map<String, Object> properties) {
        session().refresh(entity, properties);
    }

    @Override
    public void refresh(Object entity, LockModeType lockMode) {
        session().refresh(entity, lockMode);
    }

    @Override
    public void refresh(Object entity, LockModeType lockMode, Map<String, Object> properties) {
        session().refresh(entity, lockMode, properties);
    }

    @Override
    public void refresh(Object entity, RefreshOption... options) {
        session().refresh(entity, options);
    }

    @Override
    public void clear() {
        session().clear();
    }

    @Override
    public void detach(Object entity) {
        session().detach(entity);
    }

    @Override
    public boolean contains(Object entity) {
        return session().contains(entity);
    }

    @Override
    public LockModeType getLockMode(Object entity) {
        return session().getLockMode(entity);
    }

    @Override
    public void setCacheRetrieveMode(CacheRetrieveMode mode) {
        session().setCacheRetrieveMode(mode);
    }

    @Override
    public void setCacheStoreMode(CacheStoreMode mode) {
        session().setCacheStoreMode(mode);
    }

    @Override
    public CacheRetrieveMode getCacheRetrieveMode() {
        return session().getCacheRetrieveMode();
    }

    @Override
    public CacheStoreMode getCacheStoreMode() {
        return session().getCacheStoreMode();
    }

    @Override
    public void setProperty(String propertyName, Object value) {
        session().setProperty(propertyName, value);
    }

    @Override
    public Map<String, Object> getProperties() {
        return session().getProperties();
    }

    @Override
    public Query createQuery(String query) {
        return session().createQuery(query);
    }

    @Override
    public <T> TypedQuery<T> createQuery(CriteriaQuery<T> criteria) {
        return session().createQuery(criteria);
    }

    @Override
    public <T> TypedQuery<T> createQuery(CriteriaSelect<T> criteria) {
        return session().createQuery(criteria);
    }

    @Override
    public Query createQuery(CriteriaUpdate<?> criteria) {
        return session().createQuery(criteria);
    }

    @Override
    public Query createQuery(CriteriaDelete<?> criteria) {
        return session().createQuery(criteria);
    }

    @Override
    public <T> TypedQuery<T> createQuery(String query, Class<T> resultClass) {
        return session().createQuery(query, resultClass);
    }

    @Override
    public Query createNamedQuery(String name) {
        return session().createNamedQuery(name);
    }

    @Override
    public <T> TypedQuery<T> createNamedQuery(String name, Class<T> resultClass) {
        return session().createNamedQuery(name, resultClass);
    }

    @Override
    public <T> TypedQuery<T> createQuery(TypedQueryReference<T> reference) {
        return session().createQuery(reference);
    }

    @Override
    public Query createNativeQuery(String query) {
        return session().createNativeQuery(query);
    }

    @Override
    public <T> Query createNativeQuery(String query, Class<T> resultClass) {
        return session().createNativeQuery(query, resultClass);
    }

    @Override
    public Query createNativeQuery(String query, String resultSetMapping) {
        return session().createNativeQuery(query, resultSetMapping);
    }

    @Override
    public StoredProcedureQuery createNamedStoredProcedureQuery(String name) {
        return session().createNamedStoredProcedureQuery(name);
    }

    @Override
    public StoredProcedureQuery createStoredProcedureQuery(String procedureName) {
        return session().createStoredProcedureQuery(procedureName);
    }

    @Override
    public StoredProcedureQuery createStoredProcedureQuery(String procedureName, Class<?>... resultClasses) {
        return session().createStoredProcedureQuery(procedureName, resultClasses);
    }

    @Override
    public StoredProcedureQuery createStoredProcedureQuery(String procedureName, String... resultSetMappings) {
        return session().createStoredProcedureQuery(procedureName, resultSetMappings);
    }

    @Override
    public void joinTransaction() {
        session().joinTransaction();
    }

    @Override
    public boolean isJoinedToTransaction() {
        return session().isJoinedToTransaction();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return session().unwrap(type);
    }

    @Override
    public Object getDelegate() {
        return session().getDelegate();
    }

    @Override
    public EntityTransaction getTransaction() {
        return session().getTransaction();
    }

    @Override
    public EntityManagerFactory getEntityManagerFactory() {
        return factory;
    }

    @Override
    public CriteriaBuilder getCriteriaBuilder() {
        return factory.getCriteriaBuilder();
    }

    @Override
    public Metamodel getMetamodel() {
        return factory.getMetamodel();
    }

    @Override
    public <T> EntityGraph<T> createEntityGraph(Class<T> entityClass) {
        return session().createEntityGraph(entityClass);
    }

    @Override
    public EntityGraph<?> createEntityGraph(String name) {
        return session().createEntityGraph(name);
    }

    @Override
    public EntityGraph<?> getEntityGraph(String name) {
        return session().getEntityGraph(name);
    }

    @Override
    public <T> List<EntityGraph<? super T>> getEntityGraphs(Class<T> entityClass) {
        return session().getEntityGraphs(entityClass);
    }

    @Override
    public <C> void runWithConnection(ConnectionConsumer<C> action) {
        session().runWithConnection(action);
    }

    @Override
    public <C, T> T callWithConnection(ConnectionFunction<C, T> action) {
        return session().callWithConnection(action);
    }
}
