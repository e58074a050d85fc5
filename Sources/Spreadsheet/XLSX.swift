import Foundation

/// Reading and writing Excel workbooks (.xlsx, Office Open XML spreadsheets).
public enum XLSX {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// Written as a real date serial with the `dd/mm/yyyy` number format.
        case date(year: Int, month: Int, day: Int)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Widths in Excel's character units, by column. Nil sizes the columns from their contents.
        public var columnWidths: [Double]?

        public init(name: String, rows: [[Cell]], columnWidths: [Double]? = nil) {
            self.name = name
            self.rows = rows
            self.columnWidths = columnWidths
        }
    }

    /// A minimal valid workbook: the first row of each sheet is bold (header) and frozen; sheet names
    /// sanitized to Excel rules (max 31 chars, no `[]:*?/\`, unique). Strings go to the shared strings
    /// table, XML-escaped, with characters XML cannot carry removed; texts longer than Excel's 32,767
    /// characters are cut.
    ///
    /// Throws when there are no sheets, a sheet exceeds Excel's 1,048,576 rows or 16,384 columns, or a
    /// date cell is not a real calendar date.
    public static func write(_ sheets: [Sheet]) throws -> Data {
        try XLSXWriter.write(sheets)
    }

    /// Reads the first worksheet (in workbook order, resolved through xl/_rels/workbook.xml.rels;
    /// hidden sheets are passed over when a visible one exists) or the one with the given name.
    /// Cells are texts as stored: shared and inline strings, formula results, booleans as
    /// "VERDADERO"/"FALSO", numbers kept as their text ("1052", not "1052.0"). Gaps are filled with
    /// empty cells; rows without any value are skipped. Dates stay serial numbers (see
    /// ``dateFromSerial(_:)``).
    ///
    /// The file is untrusted input, so reading it is bounded: besides damaged or unsupported files, it
    /// throws for a part over 50 MB uncompressed, a text over Excel's 32,767 characters, more than
    /// 2,000,000 cells (empty ones filling gaps included), 1,048,576 rows or 2,000,000 shared strings,
    /// more than 32 MB of cell text in all (a shared string counted at every cell that repeats it), and
    /// document type declarations (entity expansion).
    public static func read(_ data: Data, sheet: String? = nil) throws -> Table {
        try XLSXReader(data: data).readTable(sheet: sheet)
    }

    /// The names of all sheets, in workbook order.
    public static func sheetNames(_ data: Data) throws -> [String] {
        try XLSXReader(data: data).sheets.map(\.name)
    }

    /// Excel 1900 date system serial → (year, month, day); e.g. 45658 → 2025-01-01. A fractional part
    /// (time of day) is ignored. Nil when not a plausible date number: not a number, below 1, above
    /// 2958465 (9999-12-31), or 60, Excel's nonexistent 1900-02-29.
    public static func dateFromSerial(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("."), trimmed.filter({ $0 == "," }).count == 1 {
            trimmed = trimmed.replacingOccurrences(of: ",", with: ".")
        }
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(trimmed), value.isFinite, value >= 1, value < 2_958_466
        else { return nil }
        let serial = Int(value.rounded(.down))
        if serial == 60 { return nil }
        let days = serial < 60 ? excelEpochBeforeMarch1900 + serial : excelEpoch + serial
        return civil(fromDays: days)
    }

    /// (year, month, day) → Excel 1900 date system serial, reproducing Excel's leap-year bug so that
    /// 1900-01-01 is 1 and 1900-03-01 is 61. Dates before 1900 give 0 or negative numbers, which Excel
    /// cannot show as dates.
    public static func serial(year: Int, month: Int, day: Int) -> Int {
        let days = daysFromCivil(year: year, month: month, day: day)
        let serial = days - excelEpoch
        return serial < 61 ? serial - 1 : serial
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, no time zones involved)

    /// Day number of 1899-12-30, Excel's day 0 for serials from 61 (1900-03-01) on.
    static let excelEpoch = daysFromCivil(year: 1899, month: 12, day: 30)
    /// Day number of 1899-12-31, Excel's day 0 for serials 1...59.
    static let excelEpochBeforeMarch1900 = daysFromCivil(year: 1899, month: 12, day: 31)

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    // MARK: - Sheet names

    /// Makes names Excel accepts: no `[]:*?/\` or control characters (`/`, `\` and `:` become `-`),
    /// no apostrophe at either end, not empty ("Hoja N"), not "History" (reserved by Excel), at most
    /// 31 characters, and unique ignoring case (" (2)", " (3)"… is appended).
    static func sanitizeSheetNames(_ names: [String]) -> [String] {
        var taken: Set<String> = ["history"]
        var result: [String] = []
        for (index, raw) in names.enumerated() {
            var scalars = String.UnicodeScalarView()
            for scalar in raw.unicodeScalars {
                switch scalar {
                case "/", "\\", ":": scalars.append("-")
                case "[", "]", "*", "?": continue
                default:
                    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                    scalars.append(scalar)
                }
            }
            var base = tidy(String(scalars))
            if base.isEmpty { base = "Hoja \(index + 1)" }
            var name = truncated(base, to: 31)
            var counter = 2
            while taken.contains(name.lowercased()) {
                let suffix = " (\(counter))"
                name = truncated(base, to: 31 - suffix.utf16.count) + suffix
                counter += 1
            }
            taken.insert(name.lowercased())
            result.append(name)
        }
        return result
    }

    private static func tidy(_ name: String) -> String {
        var name = name
        while let first = name.first, first == "'" || first.isWhitespace { name.removeFirst() }
        while let last = name.last, last == "'" || last.isWhitespace { name.removeLast() }
        return name
    }

    /// The longest prefix of whole characters within `limit` UTF-16 units (Excel's measure), tidied.
    static func truncated(_ text: String, to limit: Int, tidy shouldTidy: Bool = true) -> String {
        if text.utf16.count <= limit { return text }
        var result = ""
        var count = 0
        for character in text {
            let length = character.utf16.count
            if count + length > limit { break }
            result.append(character)
            count += length
        }
        return shouldTidy ? tidy(result) : result
    }
}
