import Synchronization

/// The settings in force, read by everyone who needs them (the poller before each
/// wait, open-all before each run) and changed only through `update`, which
/// validates, stores and then applies: nothing is half-applied.
public final class SettingsCenter: Sendable {
    private let current: Mutex<GatewaySettings>
    private let store: HarborStore
    private let onChange: @Sendable (_ old: GatewaySettings, _ new: GatewaySettings) async -> Void

    /// Starts from `defaults` with whatever the store holds laid over them.
    public init(
        defaults: GatewaySettings, store: HarborStore,
        onChange: @escaping @Sendable (GatewaySettings, GatewaySettings) async -> Void = { _, _ in }
    ) async throws(StoreError) {
        self.store = store
        self.onChange = onChange
        current = Mutex(defaults.applying(stored: try await store.loadConfig()))
    }

    public var settings: GatewaySettings { current.withLock { $0 } }

    /// Applies `change` to a copy, validates it, commits it to the store and only
    /// then makes it current.
    @discardableResult
    public func update(_ change: (inout GatewaySettings) -> Void) async throws(GatewayError) -> GatewaySettings {
        let old = settings
        var new = old
        change(&new)
        do {
            try new.validate()
        } catch {
            throw .validation(field: error.field, "\(error.field) \(error.description.dropFirst(error.field.count + 1))")
        }
        do {
            try await store.saveConfig(new.storedValues)
        } catch {
            throw GatewayError(error)
        }
        current.withLock { $0 = new }
        await onChange(old, new)
        return new
    }
}
