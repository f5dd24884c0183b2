import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Socket helpers: address resolution, listening and connecting sockets.
enum SocketAddress {
    /// Resolves `host` (name or literal) to the first matching address.
    static func resolve(host: String, port: Int, passive: Bool) throws(NetIOError) -> (storage: sockaddr_storage, length: socklen_t, family: Int32) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &result)
        guard rc == 0, let first = result else {
            throw .addressResolution(host: host, reason: String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(result) }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return (storage, first.pointee.ai_addrlen, first.pointee.ai_family)
    }

    /// `ip:port` (or `[ip]:port`) of a socket address.
    static func describe(_ addr: UnsafePointer<sockaddr>) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var serv = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let len = socklen_t(addr.pointee.sa_family == sa_family_t(AF_INET6) ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        guard getnameinfo(addr, len, &host, socklen_t(host.count), &serv, socklen_t(serv.count), NI_NUMERICHOST | NI_NUMERICSERV) == 0 else {
            return "unknown"
        }
        let h = host.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let s = serv.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return h.contains(":") ? "[\(h)]:\(s)" : "\(h):\(s)"
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(NetIOError) {
        var v = value
        try SystemCall.check("setsockopt(\(name))", setsockopt(fd, level, name, &v, socklen_t(MemoryLayout<Int32>.size)))
    }

    /// A non-blocking listening socket with SO_REUSEADDR (and SO_REUSEPORT so each loop can
    /// own one). Returns the descriptor and the bound port (useful with port 0).
    static func listen(host: String, port: Int, backlog: Int32, reusePort: Bool) throws(NetIOError) -> (fd: Int32, port: Int) {
        var (storage, length, family) = try resolve(host: host, port: port, passive: true)
        let fd = try SystemCall.check("socket", socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
        do {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if reusePort { try setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1) }
            let rc = withUnsafePointer(to: &storage) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            try SystemCall.check("bind(\(host):\(port))", rc)
            try SystemCall.check("listen", Glibc.listen(fd, backlog))
            var bound = sockaddr_storage()
            var blen = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let grc = withUnsafeMutablePointer(to: &bound) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &blen) }
            }
            try SystemCall.check("getsockname", grc)
            let boundPort: Int = withUnsafePointer(to: &bound) { p in
                if p.pointee.ss_family == sa_family_t(AF_INET6) {
                    return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
                }
                return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
            return (fd, boundPort)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Starts a non-blocking connect. Returns the descriptor; completion shows as writability.
    static func connect(host: String, port: Int) throws(NetIOError) -> Int32 {
        var (storage, length, family) = try resolve(host: host, port: port, passive: false)
        let fd = try SystemCall.check("socket", socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
        let rc = withUnsafePointer(to: &storage) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        if rc < 0 && errno != EINPROGRESS {
            let e = errno
            close(fd)
            throw .system(call: "connect(\(host):\(port))", errno: e)
        }
        try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        return fd
    }
}
