package dev.pinwheel.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;

/**
 * The platform's native crypto library (NSS, through the JDK's own SunPKCS11 provider), for the
 * few algorithms that move every downloaded byte: SHA-256 and the TLS record ciphers AES-GCM and
 * ChaCha20-Poly1305.
 *
 * <p>Why: pinwheel runs the JIT's first tier only (fast starts), and that tier has no SHA or AES
 * intrinsics, so the JDK's Java implementations run at roughly 90 MB/s; NSS uses the CPU's SHA and
 * AES instructions. Measured here on a 10.6 MB wheel from PyPI: TLS decryption plus SHA-256 took
 * about 400 ms of CPU with the JDK's code and about 200 ms with NSS, whose loading costs about
 * 150 ms once. So it is loaded only when a download starts ({@link #startLoading()}, in the
 * background), never for a run answered from the cache.
 *
 * <p>The provider is limited to those three mechanisms and inserted second, after {@code SUN}: the
 * TLS stack then takes its record ciphers from NSS (it asks the provider list), while secure
 * random numbers, key exchange and certificate checks stay with the JDK. SHA-256 from NSS is
 * asked for by name ({@link #sha256()}). Where NSS is missing (or the JDK has no SunPKCS11, or
 * {@code -Dpinwheel.nativeCrypto=false}), everything stays with the JDK's own providers.
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

    private static volatile Provider provider;
    private static boolean started;

    private NativeCrypto() {
    }

    /** Loads NSS in a background thread, once per process; later TLS connections and digests use it. */
    public static synchronized void startLoading() {
        if (started || !Boolean.parseBoolean(System.getProperty("pinwheel.nativeCrypto", "true"))) {
            return;
        }
        started = true;
        Thread t = new Thread(NativeCrypto::load, "pinwheel-native-crypto");
        t.setDaemon(true);
        t.start();
    }

    /** Loads NSS in the calling thread (tests, and callers about to hash a lot); true when it is in use. */
    public static boolean loadNow() {
        synchronized (NativeCrypto.class) {
            started = true;
        }
        load();
        return provider != null;
    }

    private static synchronized void load() {
        if (provider != null) {
            return;
        }
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                return;
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
