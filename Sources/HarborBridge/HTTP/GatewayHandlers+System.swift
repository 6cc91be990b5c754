import Hummingbird

extension GatewayHandlers {
    func updateConfig(_ request: Request, _ caller: Caller) async throws(APIError) -> Response {
        let update = try await bodies.read(SystemConfigUpdate.self, from: request, required: true)
        return try Self.json(await operations.updateConfig(update, caller: caller))
    }

    func logs(_ request: Request) async throws(APIError) -> Response {
        let query = QueryReader(request)
        let level = try query.enumeration("level", as: LogLevel.self)
        let since = try query.date("since")
        let category = try query.string("category", length: 1...64)
        let limit = try query.integer("limit", in: 1...1000, default: 100) ?? 100
        return try Self.json(await operations.logs(level: level, since: since, category: category, limit: Int(limit)))
    }
}
