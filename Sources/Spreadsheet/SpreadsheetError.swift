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

// MARK: - Limits on untrusted input (see ReadLimits)

extension SpreadsheetError {
    /// `location` says where, as a phrase: "en la celda C12", "en el campo que empieza en la línea 3".
    static func cellTooLong(_ location: String = "en una celda") -> SpreadsheetError {
        SpreadsheetError(
            "El archivo tiene un texto de más de \(grouped(ReadLimits.maxCellLength)) caracteres \(location) "
                + "(el máximo de Excel); no se procesa por seguridad.")
    }

    static let tooManyCells = SpreadsheetError(
        "El archivo tiene demasiadas celdas para importarlo (más de \(grouped(ReadLimits.maxCells)), "
            + "contando las vacías que quedan entre datos); no se procesa por seguridad. "
            + "Divídalo en archivos más pequeños.")

    static let tooMuchText = SpreadsheetError(
        "El archivo tiene demasiado texto para importarlo (más de \(ReadLimits.maxTextBytes / (1024 * 1024)) MB "
            + "en total, contando cada vez que se repite un mismo texto); no se procesa por seguridad. "
            + "Divídalo en archivos más pequeños.")

    static let tooManyRows = SpreadsheetError(
        "El archivo tiene más de \(grouped(ReadLimits.maxRows)) filas (el máximo de Excel); "
            + "no se procesa por seguridad.")

    static let tooManySharedStrings = SpreadsheetError(
        "El libro de Excel tiene más de \(grouped(ReadLimits.maxSharedStrings)) textos distintos; "
            + "no se procesa por seguridad.")

    static let tooManySheets = SpreadsheetError(
        "El libro de Excel tiene más de \(grouped(ReadLimits.maxSheets)) hojas; no se procesa por seguridad.")

    static func tooManyXMLElements(_ part: String) -> SpreadsheetError {
        SpreadsheetError(
            "El libro de Excel tiene demasiado contenido para importarlo (más de "
                + "\(grouped(ReadLimits.maxXMLElements)) elementos en \(part)"
                + (part.contains("worksheets/") ? ", por ejemplo celdas vacías con formato" : "")
                + "); no se procesa por seguridad. Borre las filas y columnas que no use y vuelva a intentarlo.")
    }

    /// 32767 → "32.767", as numbers are written in Colombia.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ".")
    }
}
