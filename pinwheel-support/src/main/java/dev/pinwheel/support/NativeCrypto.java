package dev.pinwheel.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The platform's native crypto library (NSS, through the JDK's own SunPKCS11 provider), for the
 * few algorithms that move every downloaded byte: SHA-256 and the TLS record ciphers AES-GCM and
 * ChaCha20-Poly1305.
 *
 * <p>Why: pinwheel runs the JIT's first tier only (fast starts), and that tier has no SHA or AES
 * intrinsics, so the JDK's Java implementations run at roughly 90 MB/s; NSS uses the CPU's SHA and
 * AES instructions. Measured here on a 10.6 MB wheel from PyPI: TLS decryption plus SHA-256 took
 * about 400 ms of CPU with the JDK's code and about 200 ms with NSS, whose loading costs about
 * 150 ms once. So it is loaded only where much data will be downloaded (a sync that fetches
 * wheels: {@link #startLoading()}, in the background; a file download waits for it,
 * {@link #loadBeforeBulkTransfer}), never for a run answered from the cache, nor for a compile
 * that reads pages and metadata only.
 *
 * <p>The provider is limited to those three mechanisms and inserted second, after {@code SUN}: the
 * TLS stack then takes its record ciphers from NSS (it asks the provider list), while secure
 * random numbers, key exchange and certificate checks stay with the JDK. SHA-256 from NSS is
 * asked for by name ({@link #sha256()}). Where NSS is missing (or the JDK has no SunPKCS11, or
 * {@code PINWHEEL_NATIVE_CRYPTO=0}), everything stays with the JDK's own providers.
 */
public final class NativeCrypto {

    private static final String CONFIG = String.join("\n",
            "--name = NSS",
            "nssDbMode = noDb",
            "attributes = compatibility",
            "handleStartupErrors = ignoreMultipleInitialisation",
            "enabledMechanisms = {",
            "  CKM_SHA256",
            "  CKM_AES_GCM",
            "  CKM_CHACHA20_POLY1305",
            "}");

    /** The JDK's switch (read once, when its P11Key class initializes) that keeps keys inside NSS. */
    static final String KEEP_NATIVE_KEYS = "sun.security.pkcs11.disableKeyExtraction";

    private static volatile Provider provider;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch LOADED = new CountDownLatch(1);
    /** Held while loading, which takes a while: never the class's monitor, so no caller blocks on it by accident. */
    private static final Object LOADING = new Object();

    private NativeCrypto() {
    }

    /** Loads NSS in a background thread, once per process; later TLS connections and digests use it. */
    public static void startLoading() {
        if (!enabled() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                load();
            } finally {
                LOADED.countDown();
            }
        }, "pinwheel-native-crypto");
        t.setDaemon(true);
        t.start();
    }

    /** Off with {@code PINWHEEL_NATIVE_CRYPTO=0} in the environment or {@code -Dpinwheel.nativeCrypto=false}. */
    private static boolean enabled() {
        String env = System.getenv("PINWHEEL_NATIVE_CRYPTO");
        return Boolean.parseBoolean(System.getProperty("pinwheel.nativeCrypto", "true"))
                && !("0".equals(env) || "false".equalsIgnoreCase(env));
    }

    /** Loads NSS in the calling thread (tests); true when it is in use. */
    public static boolean loadNow() {
        STARTED.set(true);
        try {
            load();
        } finally {
            LOADED.countDown();
        }
        return provider != null;
    }

    private static void load() {
        synchronized (LOADING) {
            if (provider != null) {
                return;
            }
            try {
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null) {
                    return;
                }
                // By default the provider copies each secret key out of NSS and destroys the native
                // object whenever no cipher holds it, so every TLS record (a fresh cipher init per
                // record) made and destroyed a native key: 2 % of a cold sync's CPU (async-profiler).
                // Native keys kept live as long as their Java objects, which a run does not outlive.
                if (System.getProperty(KEEP_NATIVE_KEYS) == null) {
                    System.setProperty(KEEP_NATIVE_KEYS, "true");
                }
                Provider nss = base.configure(CONFIG);
                // A provider that loaded but cannot hash is worse than none.
                MessageDigest probe = MessageDigest.getInstance("SHA-256", nss);
                probe.update((byte) 1);
                probe.digest();
                Security.insertProviderAt(nss, 2);
                provider = nss;
            } catch (RuntimeException | NoSuchAlgorithmException | LinkageError e) {
                // No NSS here (or it refused to start): the JDK's own code does the work.
            }
        }
    }

    /**
     * Starts loading (see {@link #startLoading()}) and waits for it, at most {@code maxMillis}:
     * for a caller about to open the connection that carries the downloads, whose TLS ciphers
     * are chosen once, when it is opened.
     */
    public static void loadBeforeBulkTransfer(long maxMillis) {
        startLoading();
        if (STARTED.get() && provider == null) {
            try {
                LOADED.await(maxMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether NSS is loaded and in use. */
    public static boolean active() {
        return provider != null;
    }

    /**
     * A SHA-256 digest for bulk data: NSS's when it is loaded already (this never waits for it),
     * else the JDK's. Both compute the same digest.
     */
    public static MessageDigest sha256() {
        Provider p = provider;
        if (p != null) {
            try {
                return MessageDigest.getInstance("SHA-256", p);
            } catch (NoSuchAlgorithmException | RuntimeException e) {
                // fall through to the JDK's
            }
        }
        return Hashing.sha256Digest();
    }
}
