import Foundation

enum XLSXWriter {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxTextLength = 32_767

    private static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Indices into cellXfs in styles.xml.
    private enum Style: Int {
        case normal = 0, bold, date, boldDate, wrap, boldWrap
    }

    static func write(_ sheets: [XLSX.Sheet]) throws -> Data {
        guard !sheets.isEmpty else {
            throw SpreadsheetError("No se puede crear un libro de Excel sin hojas.")
        }
        let names = XLSX.sanitizeSheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        var sheetXMLs: [String] = []
        for (sheet, name) in zip(sheets, names) {
            if sheet.rows.count > maxRows {
                throw SpreadsheetError(
                    "La hoja «\(name)» tiene \(sheet.rows.count) filas; Excel admite como máximo 1.048.576.")
            }
            if let widest = sheet.rows.map(\.count).max(), widest > maxColumns {
                throw SpreadsheetError(
                    "La hoja «\(name)» tiene \(widest) columnas; Excel admite como máximo 16.384.")
            }
            sheetXMLs.append(try worksheetXML(sheet, name: name, selected: sheetXMLs.isEmpty, strings: &strings))
        }

        let zip = try ZipWriter()
        try zip.add("[Content_Types].xml", contentTypesXML(sheetCount: sheets.count))
        try zip.add("_rels/.rels", rootRelsXML())
        try zip.add("xl/workbook.xml", workbookXML(names: names))
        try zip.add("xl/_rels/workbook.xml.rels", workbookRelsXML(sheetCount: sheets.count))
        try zip.add("xl/styles.xml", stylesXML())
        try zip.add("xl/sharedStrings.xml", strings.xml())
        for (index, xml) in sheetXMLs.enumerated() {
            try zip.add("xl/worksheets/sheet\(index + 1).xml", xml)
        }
        return try zip.finish()
    }

    // MARK: - Parts

    private static func contentTypesXML(sheetCount: Int) -> String {
        var xml = header
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in 1...sheetCount {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        xml += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        xml += "</Types>"
        return xml
    }

    private static func rootRelsXML() -> String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    private static func workbookXML(names: [String]) -> String {
        var xml = header
        xml += #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets></workbook>"
        return xml
    }

    private static func workbookRelsXML(sheetCount: Int) -> String {
        var xml = header
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 1...sheetCount {
            xml += #"<Relationship Id="rId\#(index)" Type="\#(relNS)/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relNS)/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId\#(sheetCount + 2)" Type="\#(relNS)/sharedStrings" Target="sharedStrings.xml"/>"#
        xml += "</Relationships>"
        return xml
    }

    private static func stylesXML() -> String {
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/>"#
        let xf = #"fontId="0" fillId="0" borderId="0" xfId="0""#
        let boldXF = #"fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1""#
        return header + #"<styleSheet xmlns="\#(mainNS)">"#
            + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#
            + #"<fonts count="2"><font>\#(font)</font><font><b/>\#(font)</font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="6">"#
            + #"<xf numFmtId="0" \#(xf)/>"#
            + #"<xf numFmtId="0" \#(boldXF)/>"#
            + #"<xf numFmtId="164" \#(xf) applyNumberFormat="1"/>"#
            + #"<xf numFmtId="164" \#(boldXF) applyNumberFormat="1"/>"#
            + #"<xf numFmtId="0" \#(xf) applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + #"<xf numFmtId="0" \#(boldXF) applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
            + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + #"<dxfs count="0"/><tableStyles count="0"/>"#
            + "</styleSheet>"
    }

    private static func worksheetXML(_ sheet: XLSX.Sheet, name: String, selected: Bool,
                                     strings: inout SharedStrings) throws -> String {
        let columnCount = sheet.rows.map(\.count).max() ?? 0
        var xml = header
        xml += #"<worksheet xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        let lastRef = columnCount > 0 && !sheet.rows.isEmpty
            ? columnName(columnCount) + String(sheet.rows.count) : "A1"
        xml += #"<dimension ref="\#(lastRef == "A1" ? "A1" : "A1:" + lastRef)"/>"#
        xml += #"<sheetViews><sheetView \#(selected ? #"tabSelected="1" "# : "")workbookViewId="0">"#
        if !sheet.rows.isEmpty {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#

        let widths = sheet.columnWidths ?? automaticWidths(sheet.rows, columnCount: columnCount)
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.prefix(maxColumns).enumerated() {
                let clamped = width.isFinite ? min(max(width, 0), 255) : 8.43
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(formatNumber(clamped))" customWidth="1"/>"#
            }
            xml += "</cols>"
        }

        if sheet.rows.isEmpty {
            xml += "<sheetData/>"
        } else {
            xml += "<sheetData>"
            for (rowIndex, row) in sheet.rows.enumerated() {
                let rowNumber = rowIndex + 1
                let isHeader = rowIndex == 0
                xml += #"<row r="\#(rowNumber)">"#
                for (columnIndex, cell) in row.enumerated() {
                    let ref = columnName(columnIndex + 1) + String(rowNumber)
                    switch cell {
                    case .empty:
                        continue
                    case .text(let text):
                        let clean = cleanText(text)
                        if clean.isEmpty { continue }
                        let index = strings.index(of: clean)
                        let multiline = clean.contains("\n")
                        let style: Style = multiline ? (isHeader ? .boldWrap : .wrap) : (isHeader ? .bold : .normal)
                        xml += #"<c r="\#(ref)"\#(styleAttribute(style)) t="s"><v>\#(index)</v></c>"#
                    case .number(let value):
                        guard value.isFinite else { continue }
                        xml += #"<c r="\#(ref)"\#(styleAttribute(isHeader ? .bold : .normal))><v>\#(formatNumber(value))</v></c>"#
                    case .date(let year, let month, let day):
                        guard XLSX.isValidDate(year: year, month: month, day: day) else {
                            throw SpreadsheetError(
                                "La fecha \(day)/\(month)/\(year) de la celda \(ref) de la hoja «\(name)» no existe.")
                        }
                        if (1900...9999).contains(year) {
                            let serial = XLSX.serial(year: year, month: month, day: day)
                            xml += #"<c r="\#(ref)"\#(styleAttribute(isHeader ? .boldDate : .date))><v>\#(serial)</v></c>"#
                        } else {
                            // Excel has no serials outside 1900–9999: keep the date readable as text.
                            let text = pad(day, 2) + "/" + pad(month, 2) + "/" + pad(year, 4)
                            xml += #"<c r="\#(ref)"\#(styleAttribute(isHeader ? .bold : .normal)) t="s"><v>\#(strings.index(of: text))</v></c>"#
                        }
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
        }
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    // MARK: - Helpers

    private static func styleAttribute(_ style: Style) -> String {
        style == .normal ? "" : #" s="\#(style.rawValue)""#
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Text as it will be stored: without characters XML cannot carry and within Excel's length limit.
    private static func cleanText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF { continue }
            scalars.append(scalar)
        }
        let cleaned = String(scalars)
        return cleaned.utf16.count > maxTextLength ? XLSX.truncated(cleaned, to: maxTextLength, tidy: false) : cleaned
    }

    /// 1 → A, 27 → AA, 16384 → XFD.
    static func columnName(_ number: Int) -> String {
        var number = number
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Integral values without decimals; others with the shortest representation that reads back the same.
    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    private static func automaticWidths(_ rows: [[XLSX.Cell]], columnCount: Int) -> [Double] {
        guard columnCount > 0 else { return [] }
        var widths = [Int](repeating: 0, count: columnCount)
        for (rowIndex, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                let length: Int
                switch cell {
                case .empty: length = 0
                case .text(let text):
                    length = text.split(separator: "\n", omittingEmptySubsequences: false)
                        .map(\.count).max() ?? 0
                case .number(let value): length = value.isFinite ? formatNumber(value).count : 0
                case .date: length = 10
                }
                widths[column] = max(widths[column], length + (rowIndex == 0 ? 1 : 0))
            }
        }
        return widths.map { Double(min(max($0 + 2, 8), 60)) }
    }
}

/// The shared strings table, deduplicated.
private struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        let index = ordered.count
        indices[text] = index
        ordered.append(text)
        return index
    }

    func xml() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(ordered.count)">"#
        for text in ordered {
            let escaped = XMLText.escape(XMLText.escapeOOXMLSequences(text))
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
                || text.contains("\n") || text.contains("\t")
            xml += preserve ? #"<si><t xml:space="preserve">"# : "<si><t>"
            xml += escaped
            xml += "</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
