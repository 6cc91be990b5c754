/// Where a `BoardSimulatorServer` serves its line.
public struct SimulatorServerOptions: Equatable, Sendable {
    /// Serve on a pseudo-terminal.
    public var pseudoTerminal: Bool
    /// A symlink to make to the pseudo-terminal (implies one), removed on stop.
    public var linkPath: String?
    /// Serve on this TCP port; 0 lets the system pick a free one.
    public var tcpPort: Int?
    /// The host the TCP port listens on.
    public var bindHost: String
    /// A JSON-lines file that gets one line per frame.
    public var frameLogPath: String?

    /// Options; the default serves a bare pseudo-terminal.
    public init(
        pseudoTerminal: Bool = true,
        linkPath: String? = nil,
        tcpPort: Int? = nil,
        bindHost: String = "127.0.0.1",
        frameLogPath: String? = nil
    ) {
        self.pseudoTerminal = pseudoTerminal
        self.linkPath = linkPath
        self.tcpPort = tcpPort
        self.bindHost = bindHost
        self.frameLogPath = frameLogPath
    }
}

/// Where a started simulator can be reached.
public struct SimulatorEndpoints: Equatable, Sendable {
    /// The pseudo-terminal's slave device, "/dev/pts/N".
    public var pseudoTerminalPath: String?
    /// The symlink pointing at it.
    public var linkPath: String?
    /// The TCP host and bound port.
    public var tcpHost: String?
    public var tcpPort: Int?

    /// No endpoint.
    public init(pseudoTerminalPath: String? = nil, linkPath: String? = nil, tcpHost: String? = nil, tcpPort: Int? = nil) {
        self.pseudoTerminalPath = pseudoTerminalPath
        self.linkPath = linkPath
        self.tcpHost = tcpHost
        self.tcpPort = tcpPort
    }
}
