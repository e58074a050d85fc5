import Foundation

/// Reads a workbook package: finds the workbook part through the package relationships, the sheets
/// through the workbook relationships, and turns a worksheet into a ``Table``.
struct XLSXReader {
    struct SheetInfo {
        let name: String
        let path: String
        let hidden: Bool
    }

    private let zip: ZipReader
    let sheets: [SheetInfo]
    private let sharedStringsPath: String?

    init(data: Data) throws {
        zip = try ZipReader(data: data)

        var workbookPath = "xl/workbook.xml"
        if let rels = try zip.read("_rels/.rels") {
            let relationships = try Self.relationships(rels, part: "_rels/.rels", owner: "")
            if let office = relationships.values.first(where: { $0.type.hasSuffix("/officeDocument") }),
               zip.contains(office.target) {
                workbookPath = office.target
            }
        }
        guard let workbookData = try zip.read(workbookPath) else {
            throw SpreadsheetError.notXLSX
        }
        let workbook = WorkbookHandler()
        try parseXML(workbookData, part: workbookPath, handler: workbook)

        let relsPath = Self.relationshipsPath(for: workbookPath)
        var relationships: [String: Relationship] = [:]
        if let relsData = try zip.read(relsPath) {
            relationships = try Self.relationships(relsData, part: relsPath, owner: workbookPath)
        }
        let directory = Self.directory(of: workbookPath)
        var sheets: [SheetInfo] = []
        for entry in workbook.sheets {
            if let id = entry.relationshipID, let relationship = relationships[id] {
                // Chart sheets, dialog sheets and macro sheets hold no cells to read.
                guard relationship.type.hasSuffix("/worksheet") else { continue }
                sheets.append(SheetInfo(name: entry.name, path: relationship.target, hidden: entry.hidden))
            } else if let sheetID = entry.sheetID,
                      zip.contains(directory + "worksheets/sheet\(sheetID).xml") {
                sheets.append(SheetInfo(
                    name: entry.name, path: directory + "worksheets/sheet\(sheetID).xml", hidden: entry.hidden))
            }
        }
        guard !sheets.isEmpty else {
            throw SpreadsheetError("El libro de Excel no tiene hojas de cálculo con datos.")
        }
        self.sheets = sheets

        if let shared = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            sharedStringsPath = shared.target
        } else if zip.contains(directory + "sharedStrings.xml") {
            sharedStringsPath = directory + "sharedStrings.xml"
        } else {
            sharedStringsPath = nil
        }
    }

    func readTable(sheet name: String?) throws -> Table {
        let info: SheetInfo
        if let name {
            let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let found = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted })
            else {
                let available = sheets.map { "«\($0.name)»" }.joined(separator: ", ")
                throw SpreadsheetError(
                    "El libro no tiene una hoja llamada «\(name)». Hojas disponibles: \(available).")
            }
            info = found
        } else {
            info = sheets.first(where: { !$0.hidden }) ?? sheets[0]
        }

        var strings: [String] = []
        if let path = sharedStringsPath, let data = try zip.read(path) {
            let handler = SharedStringsHandler()
            try parseXML(data, part: path, handler: handler)
            strings = handler.strings
        }
        guard let data = try zip.read(info.path) else {
            throw SpreadsheetError.damagedXLSX("falta la hoja «\(info.name)»")
        }
        let handler = WorksheetHandler(sharedStrings: strings)
        try parseXML(data, part: info.path, handler: handler)
        return Table(rows: handler.rows)
    }

    // MARK: - Relationships and part names

    struct Relationship {
        let type: String
        /// Resolved part path, without leading slash.
        let target: String
    }

    private static func relationships(_ data: Data, part: String, owner: String) throws -> [String: Relationship] {
        let handler = RelationshipsHandler()
        try parseXML(data, part: part, handler: handler)
        var result: [String: Relationship] = [:]
        for (id, type, target) in handler.relationships where result[id] == nil {
            result[id] = Relationship(type: type, target: resolve(target, relativeTo: owner))
        }
        return result
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationshipsPath(for part: String) -> String {
        let directory = directory(of: part)
        let file = part.split(separator: "/").last.map(String.init) ?? part
        return directory + "_rels/" + file + ".rels"
    }

    /// "xl/workbook.xml" → "xl/"; "workbook.xml" → "".
    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// Resolves a relationship target against the part that owns the relationships.
    static func resolve(_ target: String, relativeTo owner: String) -> String {
        let decoded = (target.removingPercentEncoding ?? target).replacingOccurrences(of: "\\", with: "/")
        var components: [Substring]
        if decoded.hasPrefix("/") {
            components = []
        } else {
            components = directory(of: owner).split(separator: "/")
        }
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }
}

// MARK: - Part handlers

/// `text.trimmingCharacters(in: set)`, without Foundation's round trip through NSString when there is
/// nothing to trim, as in nearly every cell: that round trip was most of the time of reading a sheet.
private func trimming(_ text: String, _ set: @autoclosure () -> CharacterSet) -> String {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
    // Printable ASCII is in neither `.whitespaces` nor `.whitespacesAndNewlines`.
    if (0x21...0x7E).contains(first.value) && (0x21...0x7E).contains(last.value) { return text }
    return text.trimmingCharacters(in: set())
}

private final class RelationshipsHandler: XMLEventHandler {
    var relationships: [(id: String, type: String, target: String)] = []

    func start(_ name: String, _ attributes: [String: String]) throws {
        guard name == "Relationship", attributes["TargetMode"] != "External",
              let id = attributes["Id"], let target = attributes["Target"] else { return }
        guard relationships.count < ReadLimits.maxRelationships else {
            throw SpreadsheetError.damagedXLSX(
                "el libro tiene más de \(SpreadsheetError.grouped(ReadLimits.maxRelationships)) relaciones entre sus partes")
        }
        relationships.append((id, attributes["Type"] ?? "", target))
    }

    func end(_ name: String) {}
    func text(_ text: String) {}
}

private final class WorkbookHandler: XMLEventHandler {
    struct Entry {
        let name: String
        let sheetID: String?
        let relationshipID: String?
        let hidden: Bool
    }

    var sheets: [Entry] = []

    func start(_ name: String, _ attributes: [String: String]) throws {
        guard name == "sheet", let sheetName = attributes["name"] else { return }
        guard sheets.count < ReadLimits.maxSheets else { throw SpreadsheetError.tooManySheets }
        let state = attributes["state"] ?? "visible"
        sheets.append(Entry(name: sheetName, sheetID: attributes["sheetId"],
                            relationshipID: attributes["id"], hidden: state != "visible"))
    }

    func end(_ name: String) {}
    func text(_ text: String) {}
}

/// Shared strings: `<si>` holds either a `<t>` or rich text runs `<r><t>`; phonetic guides (`<rPh>`)
/// are not part of the text. Each string is held to Excel's cell limit, and their number to
/// ``ReadLimits/maxSharedStrings``; how often cells repeat them is the worksheet's budget.
private final class SharedStringsHandler: XMLEventHandler {
    var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si":
            inItem = true
            current = ""
        case "t": inText = true
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func end(_ name: String) throws {
        switch name {
        case "si":
            let text = XMLText.unescapeOOXMLSequences(current)
            if TableBudget.isTooLongForACell(text) { throw SpreadsheetError.cellTooLong() }
            guard strings.count < ReadLimits.maxSharedStrings else { throw SpreadsheetError.tooManySharedStrings }
            strings.append(text)
            inItem = false
        case "t": inText = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        default: break
        }
    }

    func text(_ text: String) throws {
        guard inItem && inText && phoneticDepth == 0 else { return }
        current += text
        if current.utf8.count > WorksheetHandler.maxRawCellBytes { throw SpreadsheetError.cellTooLong() }
    }
}

/// A worksheet's `<sheetData>` as rows of cell texts, within ``ReadLimits``: every cell slot placed
/// (the empty ones filling gaps included) and every text (a shared string each time a cell refers to
/// it) is charged to a ``TableBudget``.
private final class WorksheetHandler: XMLEventHandler {
    /// The most raw text a cell within Excel's limit can take in the XML: every character written as a
    /// 7-byte `_xHHHH_` escape. Past it, accumulating stops without waiting for the cell's end.
    static let maxRawCellBytes = 7 * ReadLimits.maxCellLength

    private let sharedStrings: [String]
    var rows: [Table.Row] = []
    private var budget = TableBudget()
    private var rowElements = 0

    private var inRow = false
    private var rowNumber = 0
    private var lastRowNumber = 0
    private var cells: [String] = []
    private var nextColumn = 1

    private var inCell = false
    private var cellColumn = 1
    private var cellType = "n"
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInlineString = false
    private var inText = false
    private var phoneticDepth = 0

    init(sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
    }

    func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "row":
            // Empty rows are not kept, but Excel never writes more than its own limit.
            rowElements += 1
            if rowElements > ReadLimits.maxRows { throw SpreadsheetError.tooManyRows }
            inRow = true
            if let r = attributes["r"].flatMap({ Int(trimming($0, .whitespaces)) }),
               (1...XLSXWriter.maxRows).contains(r) {
                rowNumber = r
            } else {
                rowNumber = lastRowNumber + 1
            }
            cells = []
            nextColumn = 1
        case "c" where inRow:
            inCell = true
            cellColumn = attributes["r"].flatMap(Self.columnNumber) ?? nextColumn
            cellType = attributes["t"] ?? "n"
            value = ""
            inlineText = ""
        case "v" where inCell: inValue = true
        case "is" where inCell: inInlineString = true
        case "t" where inInlineString: inText = true
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func end(_ name: String) throws {
        switch name {
        case "v": inValue = false
        case "t": inText = false
        case "is": inInlineString = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "c" where inCell:
            inCell = false
            nextColumn = cellColumn + 1
            // Empty cells (styled, or filler a hostile file repeats by the million) need no decoding;
            // one referring to a shared string without saying which is still an error below.
            if value.isEmpty && inlineText.isEmpty && cellType != "s" { return }
            let text = try cellText()
            // Shared strings were measured once when read.
            if cellType != "s" && TableBudget.isTooLongForACell(text) {
                throw SpreadsheetError.cellTooLong("en la celda \(Self.columnName(cellColumn))\(rowNumber)")
            }
            if !text.isEmpty { try place(text, at: cellColumn) }
        case "row" where inRow:
            inRow = false
            lastRowNumber = rowNumber
            if !cells.isEmpty {
                try budget.addRow()
                rows.append(Table.Row(line: rowNumber, cells: cells))
            }
        default: break
        }
    }

    func text(_ text: String) throws {
        let accumulated: Int
        if inValue {
            value += text
            accumulated = value.utf8.count
        } else if inInlineString && inText && phoneticDepth == 0 {
            inlineText += text
            accumulated = inlineText.utf8.count
        } else {
            return
        }
        if accumulated > Self.maxRawCellBytes {
            throw SpreadsheetError.cellTooLong("en la celda \(Self.columnName(cellColumn))\(rowNumber)")
        }
    }

    private func place(_ text: String, at column: Int) throws {
        try budget.addText(text)
        if column <= cells.count {
            cells[column - 1] = text
            return
        }
        let added = column - cells.count
        try budget.addCells(added)
        cells.append(contentsOf: repeatElement("", count: added - 1))
        cells.append(text)
    }

    private func cellText() throws -> String {
        switch cellType {
        case "s":
            guard let index = Int(trimming(value, .whitespacesAndNewlines)),
                  sharedStrings.indices.contains(index) else {
                throw SpreadsheetError.damagedXLSX("una celda remite a un texto que no existe")
            }
            return sharedStrings[index]
        case "inlineStr":
            return XMLText.unescapeOOXMLSequences(inlineText.isEmpty ? value : inlineText)
        case "str":
            return XMLText.unescapeOOXMLSequences(value)
        case "e":
            return value
        case "b":
            switch trimming(value, .whitespacesAndNewlines) {
            case "1": return "VERDADERO"
            case "0": return "FALSO"
            default: return value
            }
        case "d":
            return Self.serialText(isoDate: value) ?? value
        default:
            return Self.normalizeNumber(value)
        }
    }

    /// Numbers as a person sees them: integers verbatim ("1052"), integral values without decimals
    /// ("1052.0" → "1052"), others with up to 15 significant digits like Excel shows them
    /// ("0.30000000000000004" → "0.3"). Always with `.` as decimal separator.
    static func normalizeNumber(_ raw: String) -> String {
        let text = trimming(raw, .whitespacesAndNewlines)
        if text.isEmpty { return "" }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        guard let number = Double(text), number.isFinite else { return text }
        if number == number.rounded(), abs(number) < 1e17 {
            return String(Int64(number))
        }
        return String(format: "%.15g", number)
    }

    /// "2025-01-31" or "2025-01-31T08:00:00" (cells of type `d`) → the date serial as text.
    static func serialText(isoDate: String) -> String? {
        let parts = isoDate.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              XLSX.isValidDate(year: year, month: month, day: day) else { return nil }
        return String(XLSX.serial(year: year, month: month, day: day))
    }

    /// 3 → "C", 27 → "AA".
    static func columnName(_ number: Int) -> String {
        var number = number
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    /// "C5" → 3, "$AA$10" → 27; nil when there is no valid column.
    static func columnNumber(_ reference: String) -> Int? {
        var number = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            if scalar == "$" && letters == 0 { continue }
            let value = scalar.value
            let upper: UInt32
            if (65...90).contains(value) {
                upper = value
            } else if (97...122).contains(value) {
                upper = value - 32
            } else {
                break
            }
            letters += 1
            if letters > 3 { return nil }
            number = number * 26 + Int(upper - 64)
        }
        guard letters > 0, number <= XLSXWriter.maxColumns else { return nil }
        return number
    }
}
