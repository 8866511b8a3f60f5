package dev.pinwheel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.Security;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NSS, where the platform has it, must compute exactly what the JDK's own code computes: the
 * SHA-256 of every download, and the TLS record ciphers (which the TLS stack takes from the
 * provider list, so NSS decrypts what a server encrypted).
 */
class NativeCryptoTest {

    @BeforeAll
    static void load() {
        NativeCrypto.loadNow();
    }

    @Test
    void sha256AgreesWithTheJdkAcrossBlockBoundariesAndChunking() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, (1 << 20) + 3}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] expected = MessageDigest.getInstance("SHA-256", "SUN").digest(data);
            MessageDigest md = NativeCrypto.sha256();
            for (int off = 0; off < size; off += 7000) {
                md.update(data, off, Math.min(7000, size - off));
            }
            assertThat(md.digest()).as("%d bytes with %s", size, md.getProvider().getName()).isEqualTo(expected);
        }
        if (NativeCrypto.active()) {
            assertThat(NativeCrypto.sha256().getProvider().getName()).contains("NSS");
        }
    }

    @Test
    void theTlsRecordCiphersFromTheProviderListInteroperateWithTheJdks() throws Exception {
        Random random = new Random(7);
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] aad = new byte[13];
        byte[] plain = new byte[70_000];
        random.nextBytes(key);
        random.nextBytes(nonce);
        random.nextBytes(aad);
        random.nextBytes(plain);

        Cipher jdkGcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        jdkGcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new GCMParameterSpec(128, nonce));
        jdkGcm.updateAAD(aad);
        byte[] sealed = jdkGcm.doFinal(plain);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        assertThat(gcm.doFinal(sealed)).isEqualTo(plain);

        Cipher jdkChacha = Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
        jdkChacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        jdkChacha.updateAAD(aad);
        sealed = jdkChacha.doFinal(plain);
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        chacha.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        chacha.updateAAD(aad);
        assertThat(chacha.doFinal(sealed)).isEqualTo(plain);

        // As TLS uses them: one key object, a cipher initialized again for every record (with NSS
        // the key now stays one native object throughout).
        SecretKeySpec recordKey = new SecretKeySpec(key, 0, 16, "AES");
        for (int record = 0; record < 200; record++) {
            nonce[11] = (byte) record;
            jdkGcm.init(Cipher.ENCRYPT_MODE, recordKey, new GCMParameterSpec(128, nonce));
            jdkGcm.updateAAD(aad);
            byte[] recordPlain = java.util.Arrays.copyOf(plain, 100 + record);
            byte[] recordSealed = jdkGcm.doFinal(recordPlain);
            gcm.init(Cipher.DECRYPT_MODE, recordKey, new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad);
            assertThat(gcm.doFinal(recordSealed)).isEqualTo(recordPlain);
        }

        if (NativeCrypto.active()) {
            assertThat(System.getProperty(NativeCrypto.KEEP_NATIVE_KEYS)).isEqualTo("true");
            assertThat(gcm.getProvider().getName()).contains("NSS");
            // The JDK's own providers keep what is not ours: random numbers and the first provider.
            assertThat(Security.getProviders()[0].getName()).isEqualTo("SUN");
            assertThat(new java.security.SecureRandom().getProvider().getName()).isEqualTo("SUN");
        }
    }
}
