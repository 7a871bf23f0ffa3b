package dev.rigel.dto;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One decoded JSON object: the values of the fields the client sent and which ones those were
 * (a field sent as null is sent; a field left out is not). The {@link DTOData} handlers receive.
 */
final class DecodedObject implements DTOData<Object> {

    final InObject plan;
    final Object[] values;
    final boolean[] sent;

    DecodedObject(InObject plan, Object[] values, boolean[] sent) {
        this.plan = plan;
        this.values = values;
        this.sent = sent;
    }

    @Override
    public Object create() {
        return plan.create(this, null);
    }

    @Override
    public Object create(Map<String, ?> overrides) {
        return plan.create(this, overrides);
    }

    @Override
    public Object updateInstance(Object existing) {
        return plan.update(existing, this, null);
    }

    @Override
    public Object updateInstance(Object existing, Map<String, ?> overrides) {
        return plan.update(existing, this, overrides);
    }

    @Override
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(plan.asMap(this));
    }

    @Override
    public boolean wasSent(String fieldName) {
        InField field = plan.field(fieldName);
        return field != null && sent[field.order];
    }

    @Override
    public Set<String> sentFields() {
        Set<String> names = new LinkedHashSet<>();
        for (InField field : plan.fields()) {
            if (sent[field.order]) {
                names.add(field.property.name);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String toString() {
        return "DTOData[" + plan.shape.type.getSimpleName() + " " + plan.asMap(this) + "]";
    }
}
