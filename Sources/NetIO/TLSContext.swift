import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An OpenSSL `SSL_CTX` configured for TLS 1.3 only with ALPN `h2`.
///
/// Immutable after creation, so `SSL_new` may be called from any loop thread
/// (OpenSSL documents SSL_CTX as safe to share once configured).
public final class TLSContext: @unchecked Sendable {
    let raw: OpaquePointer
    public let isServer: Bool
    private let counters: NetCounters?

    /// A server context: certificate chain and key from PEM files, TLS 1.3 only, ALPN selects `h2`
    /// (clients offering ALPN without `h2` are refused; clients offering none are served as h2),
    /// one session ticket per handshake for resumption.
    ///
    /// With `clientCAFile` (PEM), clients must present a certificate that chains to one of its
    /// CAs (mutual TLS): `SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT`, so a client without
    /// one, or with one from another CA, fails the handshake before any HTTP/2 byte is read.
    public static func server(certificateChainFile: String, privateKeyFile: String,
                              clientCAFile: String? = nil,
                              counters: NetCounters? = nil) throws(NetIOError) -> TLSContext {
        let ctx = try SystemCall.checkTLS("SSL_CTX_new", SSL_CTX_new(TLS_server_method()))
        let context = TLSContext(raw: ctx, isServer: true, counters: counters)
        try context.applyCommonOptions()
        try SystemCall.checkTLS("SSL_CTX_use_certificate_chain_file(\(certificateChainFile))",
                                SSL_CTX_use_certificate_chain_file(ctx, certificateChainFile) == 1)
        try SystemCall.checkTLS("SSL_CTX_use_PrivateKey_file(\(privateKeyFile))",
                                SSL_CTX_use_PrivateKey_file(ctx, privateKeyFile, SSL_FILETYPE_PEM) == 1)
        try SystemCall.checkTLS("SSL_CTX_check_private_key", SSL_CTX_check_private_key(ctx) == 1)
        try SystemCall.checkTLS("SSL_CTX_set_num_tickets", SSL_CTX_set_num_tickets(ctx, 1) == 1)
        if let clientCAFile { try context.requireClientCertificates(caFile: clientCAFile) }
        let arg = counters.map { Unmanaged.passUnretained($0).toOpaque() }
        SSL_CTX_set_alpn_select_cb(ctx, { _, out, outlen, input, inlen, arg in
            guard let out, let outlen, let input else { return SSL_TLSEXT_ERR_ALERT_FATAL }
            var i = 0
            let n = Int(inlen)
            while i < n {
                let len = Int(input[i])
                if len == 2, i + 2 < n, input[i + 1] == 0x68, input[i + 2] == 0x32 {
                    out.pointee = input + i + 1
                    outlen.pointee = 2
                    return SSL_TLSEXT_ERR_OK
                }
                i += 1 + len
            }
            if let arg {
                Unmanaged<NetCounters>.fromOpaque(arg).takeUnretainedValue().alpnRefused.add(1, ordering: .relaxed)
            }
            return SSL_TLSEXT_ERR_ALERT_FATAL
        }, arg)
        return context
    }

    /// A client context: TLS 1.3 only, ALPN `h2`, verifying the server against `trustRootsFile`
    /// (PEM) or the system roots when `nil`. `verifyPeer: false` is for tests of failure paths only.
    ///
    /// `certificateFile`/`privateKeyFile` (PEM, both or neither) are the client certificate to
    /// present to a server that requires one (mutual TLS).
    public static func client(trustRootsFile: String?, verifyPeer: Bool = true,
                              certificateFile: String? = nil, privateKeyFile: String? = nil) throws(NetIOError) -> TLSContext {
        let ctx = try SystemCall.checkTLS("SSL_CTX_new", SSL_CTX_new(TLS_client_method()))
        let context = TLSContext(raw: ctx, isServer: false, counters: nil)
        try context.applyCommonOptions()
        if let trustRootsFile {
            try SystemCall.checkTLS("SSL_CTX_load_verify_locations(\(trustRootsFile))",
                                    SSL_CTX_load_verify_locations(ctx, trustRootsFile, nil) == 1)
        } else {
            try SystemCall.checkTLS("SSL_CTX_set_default_verify_paths", SSL_CTX_set_default_verify_paths(ctx) == 1)
        }
        SSL_CTX_set_verify(ctx, verifyPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        switch (certificateFile, privateKeyFile) {
        case (nil, nil): break
        case (let cert?, let key?):
            try SystemCall.checkTLS("SSL_CTX_use_certificate_chain_file(\(cert))",
                                    SSL_CTX_use_certificate_chain_file(ctx, cert) == 1)
            try SystemCall.checkTLS("SSL_CTX_use_PrivateKey_file(\(key))",
                                    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) == 1)
            try SystemCall.checkTLS("SSL_CTX_check_private_key", SSL_CTX_check_private_key(ctx) == 1)
        default:
            throw .tls(call: "client certificate", reason: "the certificate and its private key must be given together")
        }
        let alpn: [UInt8] = [2, 0x68, 0x32]
        try SystemCall.checkTLS("SSL_CTX_set_alpn_protos", SSL_CTX_set_alpn_protos(ctx, alpn, 3) == 0)
        return context
    }

    /// Mutual TLS on a server context: trust `caFile` for client certificates, advertise its CA
    /// names in the CertificateRequest, and fail the handshake without a valid client certificate.
    private func requireClientCertificates(caFile: String) throws(NetIOError) {
        try SystemCall.checkTLS("SSL_CTX_load_verify_locations(\(caFile))",
                                SSL_CTX_load_verify_locations(raw, caFile, nil) == 1)
        let names = try SystemCall.checkTLS("SSL_load_client_CA_file(\(caFile))", SSL_load_client_CA_file(caFile))
        SSL_CTX_set_client_CA_list(raw, names)  // takes ownership of `names`
        // Resumed sessions carry the verified client certificate; OpenSSL refuses to resume a
        // session of a verifying context that has no session id context.
        let sessionContext = Array("tradebotd-mtls".utf8)
        try SystemCall.checkTLS("SSL_CTX_set_session_id_context",
                                SSL_CTX_set_session_id_context(raw, sessionContext, UInt32(sessionContext.count)) == 1)
        SSL_CTX_set_verify(raw, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
    }

    private init(raw: OpaquePointer, isServer: Bool, counters: NetCounters?) {
        self.raw = raw
        self.isServer = isServer
        self.counters = counters
    }

    deinit { SSL_CTX_free(raw) }

    private func applyCommonOptions() throws(NetIOError) {
        try SystemCall.checkTLS("SSL_CTX_set_min_proto_version",
                                tb_SSL_CTX_set_min_proto_version(raw, TLS1_3_VERSION) == 1)
        _ = SSL_CTX_set_options(raw, tb_SSL_OP_NO_COMPRESSION() | tb_SSL_OP_NO_RENEGOTIATION())
        // Partial writes + moving buffers: our output buffer is a Swift array that may move.
        // Release buffers: idle connections give back their ~34 KiB of record buffers.
        _ = tb_SSL_CTX_set_mode(raw, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                                         | SSL_MODE_RELEASE_BUFFERS))
        // Read-ahead: one read(2) fetches every record the kernel holds instead of two per record.
        _ = SSL_CTX_ctrl(raw, SSL_CTRL_SET_READ_AHEAD, 1, nil)
    }

    /// A new `SSL*` on `fd`. For clients, `serverName` sets SNI (for names) and the identity the
    /// certificate must match (DNS name or IP address).
    func makeSSL(fd: Int32, serverName: String?) throws(NetIOError) -> OpaquePointer {
        let ssl = try SystemCall.checkTLS("SSL_new", SSL_new(raw))
        do {
            try SystemCall.checkTLS("SSL_set_fd", SSL_set_fd(ssl, fd) == 1)
            if isServer {
                SSL_set_accept_state(ssl)
            } else {
                SSL_set_connect_state(ssl)
                if let name = serverName {
                    if Self.isIPAddress(name) {
                        try SystemCall.checkTLS("X509_VERIFY_PARAM_set1_ip_asc",
                                                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1)
                    } else {
                        try SystemCall.checkTLS("SSL_set_tlsext_host_name", tb_SSL_set_tlsext_host_name(ssl, name) == 1)
                        try SystemCall.checkTLS("SSL_set1_host", SSL_set1_host(ssl, name) == 1)
                    }
                }
            }
            return ssl
        } catch {
            SSL_free(ssl)
            throw error
        }
    }

    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
