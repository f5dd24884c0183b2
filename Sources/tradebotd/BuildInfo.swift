/// Version reported by `--version`, `/healthz` and `System.GetStatus`.
enum BuildInfo {
    static let version = "1.0.0"
}
