/// An error reading or writing a spreadsheet. `message` is written in Spanish for the end user
/// (an HR officer), so it can be shown as is.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension SpreadsheetError {
    static let emptyFile = SpreadsheetError("El archivo está vacío.")
    static let notXLSX = SpreadsheetError("El archivo no es un libro de Excel (.xlsx) válido.")
    static func damagedXLSX(_ detail: String) -> SpreadsheetError {
        SpreadsheetError("El libro de Excel está dañado o no se puede leer (\(detail)).")
    }
}
