import Foundation

/// Reading and writing CSV files as HR systems and Excel produce and expect them.
public enum CSV {
    /// Decodes bytes: UTF-8 (with or without BOM), falling back to Windows-1252 when not valid UTF-8
    /// (UTF-16 with a BOM, as Excel's "Unicode text" export, is also accepted). Detects the delimiter
    /// (`;`, `,`, or tab) from the first record, outside quotes. Skips fully empty lines (and lines whose
    /// cells are all empty, like `;;;`). Trims nothing inside quotes; trims surrounding whitespace of
    /// unquoted cells.
    ///
    /// Throws ``SpreadsheetError`` for an empty file, binary content (e.g. an .xlsx or random bytes),
    /// an unterminated quote (naming the line where it starts), or a file past the limits an upload
    /// is held to: a field over Excel's 32,767 characters, more than 2,000,000 cells (empty ones
    /// included) or 1,048,576 rows, or more than 32 MB of text in all.
    public static func read(_ data: Data) throws -> Table {
        let text = try TextDecoding.decode(data)
        return try read(text, delimiter: nil)
    }

    /// Parses CSV text. `delimiter` nil means detect it from the first record.
    public static func read(_ text: String, delimiter: Character? = nil) throws -> Table {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
        }
        if text.isEmpty { throw SpreadsheetError.emptyFile }
        // Some exports start with Excel's "sep=;" hint line: honor it, and blank it so line numbers stay.
        var hinted: Unicode.Scalar?
        if let hint = separatorHint(text) {
            hinted = hint.delimiter
            text = String(text[hint.lineEnd...])
        }
        let separator: Unicode.Scalar
        if delimiter == nil, let hinted {
            separator = hinted
        } else if let delimiter {
            guard delimiter.unicodeScalars.count == 1, let scalar = delimiter.unicodeScalars.first,
                  scalar != "\"", scalar != "\n", scalar != "\r"
            else {
                throw SpreadsheetError("El separador de columnas «\(delimiter)» no es válido.")
            }
            separator = scalar
        } else {
            separator = detectDelimiter(text)
        }
        var parser = CSVParser(text: text, delimiter: separator)
        let rows = try parser.parse()
        if rows.isEmpty {
            throw SpreadsheetError("El archivo no contiene datos: todas sus líneas están vacías.")
        }
        return Table(rows: rows)
    }

    /// Writes RFC 4180 CSV with `;` delimiter by default, CRLF line ends, quoting when needed, and a
    /// UTF-8 BOM so Excel opens accents correctly.
    ///
    /// Guards against CSV/formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
    /// return (and not a plain number like "-3,5" or "-12") gets a leading apostrophe.
    /// Cells with leading or trailing whitespace are quoted, so reading the file back keeps it.
    /// A delimiter that is a quote or a line break (or more than one scalar) is replaced by `;`.
    public static func write(_ rows: [[String]], delimiter: Character = ";", bom: Bool = true) -> Data {
        var separator = delimiter
        if separator.unicodeScalars.count != 1 || separator == "\"" || separator == "\n"
            || separator == "\r" || separator == "\r\n" {
            separator = ";"
        }
        let sepString = String(separator)
        var out = String()
        out.reserveCapacity(rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 1 } + 2 })
        for row in rows {
            var first = true
            for cell in row {
                if !first { out += sepString }
                first = false
                out += escape(cell, delimiter: separator)
            }
            out += "\r\n"
        }
        var data = Data()
        if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        data.append(contentsOf: Array(out.utf8))
        return data
    }

    // MARK: - Writing helpers

    static func escape(_ cell: String, delimiter: Character) -> String {
        var value = cell
        if needsInjectionGuard(value) {
            value = "'" + value
        }
        let scalars = value.unicodeScalars
        let delimiterScalar = delimiter.unicodeScalars.first!
        let needsQuotes = scalars.contains { $0 == delimiterScalar || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || (scalars.first.map(isInlineWhitespace) ?? false)
            || (scalars.last.map(isInlineWhitespace) ?? false)
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a cell would be taken as a formula by a spreadsheet program.
    static func needsInjectionGuard(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        switch first {
        case "=", "@", "\t", "\r":
            return true
        case "+", "-":
            return !isPlainNumber(value)
        default:
            return false
        }
    }

    /// An optional sign followed by ASCII digits, optionally grouped or with decimals using `.` or `,`:
    /// "-12", "-3,5", "+57", "-1.234.567,89".
    static func isPlainNumber(_ value: String) -> Bool {
        var scalars = Substring(value).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" {
            scalars = scalars.dropFirst()
        }
        var lastWasDigit = false
        var sawDigit = false
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                lastWasDigit = true
                sawDigit = true
            case ".", ",":
                guard lastWasDigit else { return false }
                lastWasDigit = false
            default:
                return false
            }
        }
        return sawDigit && lastWasDigit
    }

    // MARK: - Reading helpers

    /// A first line `sep=X` (any case): the delimiter X and where that line's break starts.
    static func separatorHint(_ text: String) -> (delimiter: Unicode.Scalar, lineEnd: String.Index)? {
        let scalars = text.unicodeScalars
        guard scalars.count >= 5 else { return nil }
        let prefix = String(String.UnicodeScalarView(scalars.prefix(4))).lowercased()
        guard prefix == "sep=" else { return nil }
        let delimiterIndex = scalars.index(scalars.startIndex, offsetBy: 4)
        let delimiter = scalars[delimiterIndex]
        guard delimiter != "\"", delimiter != "\n", delimiter != "\r" else { return nil }
        var end = scalars.index(after: delimiterIndex)
        while end < scalars.endIndex, isInlineWhitespace(scalars[end]) { end = scalars.index(after: end) }
        guard end == scalars.endIndex || scalars[end] == "\n" || scalars[end] == "\r" else { return nil }
        return (delimiter, end)
    }

    /// Counts `;`, `,` and tab in the first non-empty record, outside quoted fields. Ties prefer `;`
    /// (the list separator in Colombia), then `,`, then tab; a single-column file gets `;`.
    static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        var semicolons = 0, commas = 0, tabs = 0
        var inQuotes = false
        var atFieldStart = true
        var sawContent = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let following = scalars.next()
                    if following != "\"" {
                        inQuotes = false
                        atFieldStart = false
                        pending = following
                    }
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                inQuotes = true
                sawContent = true
            case ";": semicolons += 1; sawContent = true; atFieldStart = true
            case ",": commas += 1; sawContent = true; atFieldStart = true
            case "\t": tabs += 1; atFieldStart = true
            case "\n", "\r":
                if sawContent { return pick(semicolons, commas, tabs) }
                tabs = 0  // a line of only whitespace is an empty line
                atFieldStart = true
            default:
                if !isInlineWhitespace(scalar) {
                    sawContent = true
                    atFieldStart = false
                }
            }
        }
        return pick(semicolons, commas, tabs)
    }

    private static func pick(_ semicolons: Int, _ commas: Int, _ tabs: Int) -> Unicode.Scalar {
        if semicolons == 0 && commas == 0 && tabs == 0 { return ";" }
        if semicolons >= commas && semicolons >= tabs { return ";" }
        if commas >= tabs { return "," }
        return "\t"
    }
}

/// Whitespace within a line (spaces, tabs, no-break spaces), not line breaks.
func isInlineWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\n" && scalar != "\r" && scalar.properties.isWhitespace
}

/// An RFC 4180 parser, lenient the way Excel is: stray quotes inside unquoted cells are kept as text,
/// and text after a closing quote is appended to the cell.
///
/// Held to ``ReadLimits`` as it goes, since a file of a few MB of separators alone is millions of
/// cells: a field longer than an Excel cell, more cells (the ones of the record being read included)
/// or more text in total than the limits are refused before the memory is spent.
struct CSVParser {
    private var iterator: String.UnicodeScalarView.Iterator
    private var peeked: Unicode.Scalar?
    private let delimiter: Unicode.Scalar

    init(text: String, delimiter: Unicode.Scalar) {
        self.iterator = text.unicodeScalars.makeIterator()
        self.delimiter = delimiter
    }

    private mutating func next() -> Unicode.Scalar? {
        if let scalar = peeked {
            peeked = nil
            return scalar
        }
        return iterator.next()
    }

    private mutating func peek() -> Unicode.Scalar? {
        if peeked == nil { peeked = iterator.next() }
        return peeked
    }

    private enum State {
        case fieldStart, unquoted, quoted, afterQuote
    }

    private static let whitespace = CharacterSet.whitespaces

    /// The field without surrounding spaces and tabs, as `trimmingCharacters(in: .whitespaces)` would
    /// give it, without a round trip through NSString for every cell (most of the time of a big file).
    static func trimmed(_ field: String.UnicodeScalarView) -> String {
        guard let first = field.first, let last = field.last else { return "" }
        if !whitespace.contains(first) && !whitespace.contains(last) { return String(field) }
        guard let start = field.firstIndex(where: { !whitespace.contains($0) }),
              let end = field.lastIndex(where: { !whitespace.contains($0) }) else { return "" }
        return String(field[start...end])
    }

    mutating func parse() throws -> [Table.Row] {
        var rows: [Table.Row] = []
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var tail = String.UnicodeScalarView()
        // UTF-16 units (Excel's measure) in `field` and `tail`, kept as they grow: counting a view walks it.
        var fieldLength = 0
        var state = State.fieldStart
        var budget = TableBudget()

        func grow(_ scalar: Unicode.Scalar, tail isTail: Bool = false) throws {
            if isTail { tail.append(scalar) } else { field.append(scalar) }
            fieldLength += scalar.value > 0xFFFF ? 2 : 1
            if fieldLength > ReadLimits.maxCellLength {
                let start = state == .quoted || state == .afterQuote ? quoteLine : line
                throw SpreadsheetError.cellTooLong("en el campo que empieza en la línea \(start)")
            }
        }

        func endField() throws {
            switch state {
            case .quoted, .afterQuote:
                var value = String(field)
                if let end = tail.lastIndex(where: { !isInlineWhitespace($0) }) {
                    value += String(tail[...end])
                }
                cells.append(value)
            case .fieldStart, .unquoted:
                cells.append(Self.trimmed(field))
            }
            try budget.addCells(1)
            try budget.addText(cells[cells.count - 1])
            field = String.UnicodeScalarView()
            tail = String.UnicodeScalarView()
            fieldLength = 0
            state = .fieldStart
        }

        func endRecord() throws {
            try endField()
            if cells.contains(where: { !$0.isEmpty }) {
                try budget.addRow()
                rows.append(Table.Row(line: recordLine, cells: cells))
            } else {
                budget.releaseCells(cells.count)
            }
            cells = []
        }

        while let scalar = next() {
            let isNewline = scalar == "\n" || scalar == "\r"
            if isNewline && state != .quoted {
                if scalar == "\r" && peek() == "\n" { _ = next() }
                try endRecord()
                line += 1
                recordLine = line
                continue
            }
            switch state {
            case .fieldStart:
                if scalar == "\"" {
                    field = String.UnicodeScalarView()  // drop whitespace before the opening quote
                    fieldLength = 0
                    state = .quoted
                    quoteLine = line
                } else if scalar == delimiter {
                    try endField()
                } else {
                    try grow(scalar)
                    if !isInlineWhitespace(scalar) { state = .unquoted }
                }
            case .unquoted:
                if scalar == delimiter {
                    try endField()
                } else {
                    try grow(scalar)
                }
            case .quoted:
                if scalar == "\"" {
                    if peek() == "\"" {
                        _ = next()
                        try grow("\"")
                    } else {
                        state = .afterQuote
                    }
                } else {
                    try grow(scalar)
                    if scalar == "\n" {
                        line += 1
                    } else if scalar == "\r" {
                        if peek() == "\n" {
                            _ = next()
                            try grow("\n")
                        }
                        line += 1
                    }
                }
            case .afterQuote:
                if scalar == delimiter {
                    try endField()
                } else {
                    try grow(scalar, tail: true)
                }
            }
        }
        if state == .quoted {
            throw SpreadsheetError(
                "Hay unas comillas (\") sin cerrar en el campo que empieza en la línea \(quoteLine). "
                    + "Revise que cada texto entre comillas tenga sus comillas de cierre.")
        }
        if state != .fieldStart || !field.isEmpty || !cells.isEmpty {
            try endRecord()
        }
        return rows
    }
}
