package io.meshfleet.sim.store;

/**
 * A label and a field selector together, as list, watch and deletecollection take them.
 *
 * @param labels the label selector
 * @param fields the field selector
 */
public record Selector(LabelSelector labels, FieldSelector fields) {

    /** Selects everything. */
    public static final Selector ALL = new Selector(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING);

    /** Parses the two query parameters (either may be null). */
    public static Selector parse(String labelSelector, String fieldSelector) {
        return new Selector(LabelSelector.parse(labelSelector), FieldSelector.parse(fieldSelector));
    }

    /** Only a label selector. */
    public static Selector labels(String labelSelector) {
        return new Selector(LabelSelector.parse(labelSelector), FieldSelector.EVERYTHING);
    }

    /** Only a field selector. */
    public static Selector fields(String fieldSelector) {
        return new Selector(LabelSelector.EVERYTHING, FieldSelector.parse(fieldSelector));
    }

    /** Whether the stored object is selected. */
    public boolean matches(StoredObject object) {
        if (!labels.matches(object.labels())) {
            return false;
        }
        if (fields.isEverything()) {
            return true;
        }
        if (fields.onlyNameAndNamespace()) {
            return fields.matches(object.namespace(), object.name());
        }
        return fields.matches(object.node());
    }
}
