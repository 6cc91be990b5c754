#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a GPIO chip or line could not be used. Missing hardware and refused
/// permissions are expected on a gateway, so they are values, never crashes.
public enum GPIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No GPIO chip answers to the selector (or the path is not a GPIO chip).
    case chipNotFound(String)
    /// The chip has no such line.
    case lineNotFound(String)
    /// Another consumer (process or request) already holds the line.
    case lineBusy(String)
    /// The process may not open the chip or request the line (group `gpio`).
    case permissionDenied(String)
    /// A libgpiod call failed for another reason; `errno` is what it left.
    case ioFailed(operation: String, errno: Int32)

    /// Stable SCREAMING_SNAKE_CASE code, the same the HTTP API answers with.
    public var code: String {
        switch self {
        case .chipNotFound: "GPIO_CHIP_NOT_FOUND"
        case .lineNotFound: "GPIO_LINE_NOT_FOUND"
        case .lineBusy: "GPIO_LINE_BUSY"
        case .permissionDenied: "GPIO_PERMISSION_DENIED"
        case .ioFailed: "GPIO_IO_FAILED"
        }
    }

    /// A sentence for logs and the API's error body.
    public var description: String {
        switch self {
        case let .chipNotFound(why): "GPIO chip not found: \(why)"
        case let .lineNotFound(why): "GPIO line not found: \(why)"
        case let .lineBusy(why): "GPIO line busy: \(why)"
        case let .permissionDenied(why): "GPIO permission denied: \(why)"
        case let .ioFailed(operation, errno): "GPIO \(operation) failed: \(Self.errnoText(errno))"
        }
    }

    /// The C library's text for an errno value, with the number for searching.
    static func errnoText(_ number: Int32) -> String {
        guard let text = strerror(number) else { return "errno \(number)" }
        return "\(String(cString: text)) (errno \(number))"
    }

    /// The error for a failed call on a line or a request, from the errno it left.
    static func fromLineErrno(_ number: Int32, operation: String) -> GPIOError {
        switch number {
        case EBUSY: .lineBusy("\(operation): \(errnoText(number))")
        case EACCES, EPERM: .permissionDenied("\(operation): \(errnoText(number))")
        default: .ioFailed(operation: operation, errno: number)
        }
    }
}
