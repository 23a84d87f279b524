package dev.syspatterns.media.storage;

/** The store refused a request the service made on a client's behalf; {@code code} is S3's error code. */
public class StoreRejected extends RuntimeException {

    private final String code;

    StoreRejected(String code, Throwable cause) {
        super("the object store rejected the request: " + code, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
