import COpenSSL
import Glibc
import NetIO
import Testing

@Suite("Self-signed development certificate")
struct CertificateTests {
    @Test("the key file is mode 0600 and the certificate matches localhost, 127.0.0.1 and ::1")
    func generate() throws {
        let dir = "/tmp/tradebot-cert-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let certPath = "\(dir)/tls/cert.pem", keyPath = "\(dir)/tls/key.pem"
        let cert = try SelfSignedCertificate.generate()
        try cert.write(certificateTo: certPath, privateKeyTo: keyPath)
        var st = stat()
        #expect(stat(keyPath, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(cert.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(cert.privateKeyPEM.contains("PRIVATE KEY"))

        let pem = Array(cert.certificatePEM.utf8)
        let bio = BIO_new_mem_buf(pem, Int32(pem.count))
        defer { BIO_free(bio) }
        let x509 = PEM_read_bio_X509(bio, nil, nil, nil)
        #expect(x509 != nil)
        defer { X509_free(x509) }
        #expect(X509_check_host(x509, "localhost", 9, 0, nil) == 1)
        #expect(X509_check_ip_asc(x509, "127.0.0.1", 0) == 1)
        #expect(X509_check_ip_asc(x509, "::1", 0) == 1)
        #expect(X509_check_host(x509, "example.com", 11, 0, nil) == 0)
        // The server accepts the pair.
        _ = try TLSContext.server(certificateChainFile: certPath, privateKeyFile: keyPath)
    }

    @Test("a missing key file is a typed TLS error")
    func missing() {
        #expect(throws: NetIOError.self) {
            _ = try TLSContext.server(certificateChainFile: "/nonexistent/cert.pem", privateKeyFile: "/nonexistent/key.pem")
        }
    }
}
