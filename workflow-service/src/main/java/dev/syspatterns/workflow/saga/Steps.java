package dev.syspatterns.workflow.saga;

/** The names of the saga's steps and their undo steps, as they appear in its state and events. */
public final class Steps {

    public static final String RESERVE_STOCK = "RESERVE_STOCK";
    public static final String AWAIT_APPROVAL = "AWAIT_APPROVAL";
    public static final String CHARGE_PAYMENT = "CHARGE_PAYMENT";
    public static final String CREATE_SHIPMENT = "CREATE_SHIPMENT";
    public static final String CONFIRM = "CONFIRM";

    public static final String RELEASE_STOCK = "RELEASE_STOCK";
    public static final String REFUND_PAYMENT = "REFUND_PAYMENT";
    public static final String CANCEL_SHIPMENT = "CANCEL_SHIPMENT";

    private Steps() {}
}
