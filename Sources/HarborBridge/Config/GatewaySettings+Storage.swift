extension GatewaySettings {
    /// The settings as the store's key/value rows (`settings.<name>`).
    var storedValues: [String: String] {
        [
            "settings.gatewayName": gatewayName,
            "settings.pulseMs": String(pulseMs),
            "settings.statusPollIntervalMs": String(statusPollIntervalMs),
            "settings.openAllConcurrency": String(openAllConcurrency),
            "settings.openAllSpacingMs": String(openAllSpacingMs),
            "settings.logLevel": logLevel.rawValue,
            "settings.sessionIdleTimeoutSeconds": String(sessionIdleTimeoutSeconds),
            "settings.sessionAbsoluteTimeoutSeconds": String(sessionAbsoluteTimeoutSeconds),
            "settings.autoAddDiscoveredControllers": String(autoAddDiscoveredControllers),
        ]
    }

    /// These settings with every stored value that parses and is in range laid
    /// over them; a value that does not is ignored (the default stands).
    func applying(stored values: [String: String]) -> GatewaySettings {
        var result = self
        func integer(_ key: String, _ apply: (inout GatewaySettings, Int) -> Void) {
            guard let text = values["settings.\(key)"], let value = Int(text) else { return }
            var candidate = result
            apply(&candidate, value)
            if (try? candidate.validate()) != nil { result = candidate }
        }
        if let name = values["settings.gatewayName"] {
            var candidate = result
            candidate.gatewayName = name
            if (try? candidate.validate()) != nil { result = candidate }
        }
        integer("pulseMs") { $0.pulseMs = $1 }
        integer("statusPollIntervalMs") { $0.statusPollIntervalMs = $1 }
        integer("openAllConcurrency") { $0.openAllConcurrency = $1 }
        integer("openAllSpacingMs") { $0.openAllSpacingMs = $1 }
        integer("sessionIdleTimeoutSeconds") { $0.sessionIdleTimeoutSeconds = $1 }
        integer("sessionAbsoluteTimeoutSeconds") { $0.sessionAbsoluteTimeoutSeconds = $1 }
        if let level = values["settings.logLevel"].flatMap(GatewayLogLevel.init(rawValue:)) {
            result.logLevel = level
        }
        if let flag = values["settings.autoAddDiscoveredControllers"].flatMap(Bool.init) {
            result.autoAddDiscoveredControllers = flag
        }
        return result
    }
}
