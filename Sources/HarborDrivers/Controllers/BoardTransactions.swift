/// The one way a board controller talks to its bus: builds the request, runs it
/// and turns bus failures into controller errors. Shared by every board protocol.
struct BoardTransactions: Sendable {
    let bus: LockBoardBus

    /// Sends a frame and returns the reply frame (nil where silence is allowed).
    func send(
        _ frame: [UInt8],
        label: String,
        reply: BusRequest.ReplyExpectation = .required,
        timeout: Duration,
        isUnlock: Bool,
        scan: @escaping @Sendable (ArraySlice<UInt8>) -> FrameScan
    ) async throws(LockControllerError) -> [UInt8]? {
        let request = BusRequest(
            frame: frame, reply: reply, timeout: timeout,
            isUnlock: isUnlock, label: label, scanReply: scan)
        do {
            return try await bus.transact(request)
        } catch {
            throw LockControllerError(error, duringUnlock: isUnlock)
        }
    }

    /// Like `send` for a request whose reply is required.
    func exchange(
        _ frame: [UInt8],
        label: String,
        timeout: Duration,
        isUnlock: Bool,
        scan: @escaping @Sendable (ArraySlice<UInt8>) -> FrameScan
    ) async throws(LockControllerError) -> [UInt8] {
        let reply = try await send(
            frame, label: label, reply: .required, timeout: timeout, isUnlock: isUnlock, scan: scan)
        guard let reply else { throw isUnlock ? .outcomeUnknown : .noReply }
        return reply
    }
}

/// Encodes a command, turning an encoder's refusal into a controller error.
func encodeFrame(_ encode: () throws(CodecError) -> [UInt8]) throws(LockControllerError) -> [UInt8] {
    do {
        return try encode()
    } catch {
        throw .invalidReply("cannot encode: \(error.description)")
    }
}
