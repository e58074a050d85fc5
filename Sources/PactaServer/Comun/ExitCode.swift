/// A command's failure with the process exit status it should end with. The EDL's reminders end
/// with one as well as the commands at the top, so it lives with the platform; `pacta` exits with it.
public struct ExitCode: Error, CustomStringConvertible {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { "código de salida \(code)" }
}
