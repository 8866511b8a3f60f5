package dev.pinwheel.index;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Does a server certificate name the host that was asked for (RFC 2818 and RFC 6125, as HTTPS
 * clients check it)? An IP address must be one of the certificate's IP subject alternative
 * names; a host name must match one of its DNS subject alternative names or, only when it has
 * none, its most specific common name. A wildcard counts only as the whole leftmost label of a
 * name of at least three labels ({@code *.example.com}, never {@code *.com} or {@code f*.example.com})
 * and stands for exactly one label.
 *
 * <p>The JDK's own check (endpoint identification "HTTPS") asks first whether the chain ends at
 * one of the JDK's public roots, which loads and parses its whole {@code cacerts} on the first
 * handshake: ~50 ms of CPU on the critical path of every cold run. Its answer only decides
 * whether a wildcard on a public suffix counts; the rule above never lets one count.
 */
final class HostnameCheck {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameCheck() {
    }

    /** The certificate a server identified itself with does not name the host asked for. */
    static final class Mismatch extends CertificateException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    /** Checks {@code leaf} against {@code host} (a name, an IPv4 address or a bracket-less IPv6 address). */
    static void verify(String host, X509Certificate leaf) throws CertificateException {
        List<String> dnsNames = new ArrayList<>();
        List<byte[]> addresses = new ArrayList<>();
        Collection<List<?>> alternatives;
        try {
            alternatives = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new Mismatch("unreadable subject alternative names: " + e.getMessage());
        }
        if (alternatives != null) {
            for (List<?> alt : alternatives) {
                if (alt.size() < 2 || !(alt.get(0) instanceof Integer type)) {
                    continue;
                }
                if (type == SAN_DNS && alt.get(1) instanceof String name) {
                    dnsNames.add(name);
                } else if (type == SAN_IP && alt.get(1) instanceof String address) {
                    literal(address).ifPresent(addresses::add);
                }
            }
        }
        verify(host, dnsNames, addresses, () -> commonName(leaf.getSubjectX500Principal()));
    }

    /** The rule itself, over what a certificate names; {@code commonName} is asked only when there are no DNS names. */
    static void verify(String host, List<String> dnsNames, List<byte[]> addresses,
                       java.util.function.Supplier<Optional<String>> commonName) throws Mismatch {
        Optional<byte[]> ip = literal(host);
        if (ip.isPresent()) {
            for (byte[] a : addresses) {
                if (java.util.Arrays.equals(a, ip.get())) {
                    return;
                }
            }
            throw new Mismatch("No subject alternative names matching IP address " + host + " found");
        }
        String expected = normalized(host);
        if (expected == null) {
            throw new Mismatch("the host name " + host + " is not a valid DNS name");
        }
        if (!dnsNames.isEmpty()) {
            for (String name : dnsNames) {
                if (matches(expected, name)) {
                    return;
                }
            }
            throw new Mismatch("No subject alternative DNS name matching " + host + " found");
        }
        Optional<String> cn = commonName.get();
        if (cn.isPresent() && matches(expected, cn.get())) {
            return;
        }
        throw new Mismatch(cn.isEmpty() ? "the certificate names no host (no subject alternative names, no common name)"
                : "No name matching " + host + " found");
    }

    /** Does the certificate's {@code pattern} cover the (normalized) {@code host}? */
    static boolean matches(String host, String pattern) {
        boolean wildcard = pattern.startsWith("*.");
        String p = normalized(wildcard ? pattern.substring(2) : pattern);
        if (p == null || p.contains("*")) {
            return false; // a wildcard anywhere else, or a second one
        }
        if (!wildcard) {
            return p.equals(host);
        }
        // one whole label for the wildcard, on a name of at least two more (never *.com)
        int firstDot = host.indexOf('.');
        return p.indexOf('.') > 0 && firstDot > 0 && host.substring(firstDot + 1).equals(p);
    }

    /** Lower case, no trailing dot, international names in their ASCII form; null when not a DNS name. */
    private static String normalized(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return null;
        }
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The bytes of an IP address literal (IPv6 with or without brackets), or empty for a host name. */
    static Optional<byte[]> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = h.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) v;
            }
            return Optional.of(b);
        }
        if (h.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            // with a colon, only a literal is accepted: InetAddress looks nothing up
            return Optional.of(InetAddress.getByName("[" + h + "]").getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The most specific (last) common name of the subject. */
    private static Optional<String> commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists the RDNs from the least specific; the last CN is the most specific
            String cn = null;
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String s) {
                    cn = s;
                }
            }
            return Optional.ofNullable(cn);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
