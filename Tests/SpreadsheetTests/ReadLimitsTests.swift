import Foundation
import Spreadsheet
import Testing

/// A workbook of one sheet ("A") built from its shared strings and `<sheetData>` contents.
func limitsWorkbook(sharedStrings: [String]? = nil, sheetData: String) throws -> Data {
    var parts = XLSXReadTests.minimalParts
    if let sharedStrings {
        let items = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
        parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(mainNS)">\#(items)</sst>"#))
    }
    parts.append(("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(mainNS)"><sheetData>\#(sheetData)</sheetData></worksheet>"#))
    return try makeZip(parts)
}

/// `rows` rows of `columns` cells that all refer to shared string 0.
func sharedStringRows(rows: Int, columns: Int) -> String {
    let row = "<row>" + String(repeating: #"<c t="s"><v>0</v></c>"#, count: columns) + "</row>"
    return String(repeating: row, count: rows)
}

@Suite("XLSX limits on untrusted input")
struct XLSXLimitsTests {
    @Test func aSharedStringRepeatedByEveryCellIsRefusedByTheTextBudget() throws {
        // setup: 200 000 cells × 32 000 characters would be 6.4 GB of text, from a file of a few KB.
        let data = try limitsWorkbook(sharedStrings: [String(repeating: "A", count: 32_000)],
                                      sheetData: sharedStringRows(rows: 10_000, columns: 20))
        #expect(data.count < 100_000)
        // MUT
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        // validate
        #expect(error?.message.contains("demasiado texto") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("32 MB") == true)
    }

    @Test func theSameCellsWithAShortSharedStringStillRead() throws {
        let data = try limitsWorkbook(sharedStrings: ["Peña Ñuñez María José"],
                                      sheetData: sharedStringRows(rows: 10_000, columns: 20))
        let table = try XLSX.read(data)
        #expect(table.rows.count == 10_000)
        #expect(table.rows.allSatisfy { $0.cells.count == 20 })
        #expect(table.rows.last == Table.Row(line: 10_000, cells: Array(repeating: "Peña Ñuñez María José", count: 20)))
    }

    struct LongText: Sendable, CustomTestStringConvertible {
        let text: String
        let refused: Bool
        let testDescription: String
    }

    static let longTexts = [
        LongText(text: String(repeating: "a", count: 32_768), refused: true, testDescription: "32 768 letters"),
        LongText(text: String(repeating: "😀", count: 16_384), refused: true,
                 testDescription: "16 384 emoji, 32 768 UTF-16 units as Excel counts"),
        LongText(text: String(repeating: "a", count: 32_767), refused: false, testDescription: "32 767 letters"),
        LongText(text: String(repeating: "ñ", count: 32_767), refused: false,
                 testDescription: "32 767 ñ, twice as many UTF-8 bytes"),
    ]

    @Test("A shared string over Excel's 32 767 characters is refused", arguments: longTexts)
    func sharedStringLength(_ example: LongText) throws {
        let data = try limitsWorkbook(sharedStrings: ["Nombre", example.text],
                                      sheetData: #"<row><c t="s"><v>1</v></c></row>"#)
        if example.refused {
            let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
            #expect(error?.message.contains("más de 32.767 caracteres") == true, "\(error?.message ?? "")")
        } else {
            let same = try XLSX.read(data).rows == [Table.Row(line: 1, cells: [example.text])]
            #expect(same)
        }
    }

    @Test("An inline string or value over Excel's limit is refused naming its cell", arguments: longTexts)
    func cellLength(_ example: LongText) throws {
        let inline = try limitsWorkbook(
            sheetData: #"<row r="12"><c r="C12" t="inlineStr"><is><t>\#(example.text)</t></is></c></row>"#)
        let value = try limitsWorkbook(sheetData: #"<row r="3"><c r="B3" t="str"><v>\#(example.text)</v></c></row>"#)
        if example.refused {
            let inlineError = #expect(throws: SpreadsheetError.self) { try XLSX.read(inline) }
            #expect(inlineError?.message.contains("en la celda C12") == true, "\(inlineError?.message ?? "")")
            #expect(inlineError?.message.contains("32.767") == true)
            let valueError = #expect(throws: SpreadsheetError.self) { try XLSX.read(value) }
            #expect(valueError?.message.contains("en la celda B3") == true, "\(valueError?.message ?? "")")
        } else {
            let sameInline = try XLSX.read(inline).rows == [Table.Row(line: 12, cells: ["", "", example.text])]
            #expect(sameInline)
            let sameValue = try XLSX.read(value).rows == [Table.Row(line: 3, cells: ["", example.text])]
            #expect(sameValue)
        }
    }

    @Test func charactersWrittenAsEscapesCountOnceDecoded() throws {
        // 32 767 × "_x00D1_" is 229 369 bytes in the XML and 32 767 characters in the cell.
        let escaped = String(repeating: "_x00D1_", count: 32_767)
        let data = try limitsWorkbook(sharedStrings: [escaped], sheetData: #"<row><c t="s"><v>0</v></c></row>"#)
        let decoded = try XLSX.read(data).rows.map(\.cells) == [[String(repeating: "Ñ", count: 32_767)]]
        #expect(decoded)
        let tooLong = try limitsWorkbook(sharedStrings: [escaped + "_x00D1_"], sheetData: "")
        #expect(throws: SpreadsheetError.cellTooLongForTests) { try XLSX.read(tooLong) }
    }

    @Test func aSheetWithTooManyCellsIsRefusedCountingTheEmptyOnes() throws {
        // One value in the last column (XFD) of 123 rows: 123 × 16 384 = 2 015 232 cell slots.
        let sheetData = (1...123).map { #"<row r="\#($0)"><c r="XFD\#($0)"><v>1</v></c></row>"# }.joined()
        let data = try limitsWorkbook(sheetData: sheetData)
        #expect(data.count < 10_000)
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(error?.message.contains("demasiadas celdas") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("2.000.000") == true)

        // 122 such rows (1 998 848 slots) are within the limit.
        let fewer = try limitsWorkbook(sheetData: sheetData.components(separatedBy: "<row r=\"123\">")[0])
        #expect(try XLSX.read(fewer).rows.count == 122)
    }

    @Test func aSheetWithMoreRowsThanExcelIsRefused() throws {
        let data = try limitsWorkbook(sheetData: String(repeating: "<row/>", count: 1_048_577))
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(error?.message.contains("más de 1.048.576 filas") == true, "\(error?.message ?? "")")
    }

    @Test func tooManySharedStringsAreRefused() throws {
        let items = String(repeating: "<si/>", count: 2_000_001)
        var parts = XLSXReadTests.minimalParts
        parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(mainNS)">\#(items)</sst>"#))
        parts.append(("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(mainNS)"><sheetData/></worksheet>"#))
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(try makeZip(parts)) }
        #expect(error?.message.contains("2.000.000 textos distintos") == true, "\(error?.message ?? "")")
    }

    // MARK: - The XML parser itself

    static let laughs = #"<!DOCTYPE lolz [<!ENTITY lol "lol">"#
        + (1...9).map { level in
            let previous = "&" + (level == 1 ? "lol" : "lol\(level - 1)") + ";"
            return #"<!ENTITY lol\#(level) "\#(String(repeating: previous, count: 10))">"#
        }.joined()
        + "]>"
    static let laughingSheet = laughs
        + #"<worksheet xmlns="\#(mainNS)"><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"#

    struct XMLCase: Sendable, CustomTestStringConvertible {
        let sheet: @Sendable () -> Data
        let testDescription: String
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> Data {
        var data = Data(bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : [])
        for unit in text.utf16 {
            data.append(contentsOf: bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        return data
    }

    @Test("A document type declaration (billion laughs) is refused in any encoding", arguments: [
        XMLCase(sheet: { Data((xmlHeader + laughingSheet).utf8) }, testDescription: "UTF-8"),
        XMLCase(sheet: { utf16(#"<?xml version="1.0" encoding="UTF-16"?>"# + laughingSheet, bigEndian: false, bom: true) },
                testDescription: "UTF-16 LE with BOM"),
        XMLCase(sheet: { utf16(#"<?xml version="1.0" encoding="UTF-16"?>"# + laughingSheet, bigEndian: true, bom: false) },
                testDescription: "UTF-16 BE without BOM"),
        XMLCase(sheet: { Data(#"<?xml version="1.0" encoding="windows-1252"?>"#.utf8) + Data(laughingSheet.utf8) + Data([0xD1]) },
                testDescription: "Windows-1252"),
        XMLCase(sheet: { Data(laughingSheet.unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }) },
                testDescription: "UCS-4, which libxml2 would guess from the NUL bytes"),
    ])
    func documentTypeDeclaration(_ example: XMLCase) throws {
        let data = try makeZipData(XLSXReadTests.minimalParts.map { ($0.path, Data($0.contents.utf8)) }
            + [("xl/worksheets/sheet1.xml", example.sheet())])
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        let message = error?.message ?? ""
        #expect(message.contains("declaraciones no permitidas") || message.contains("caracteres inválidos"), "\(message)")
    }

    @Test("A processing instruction without data, which makes FoundationXML dereference a null pointer, is refused", arguments: [
        "<?x?>", "<?x ?>", "<?mso-application progid=\"Excel.Sheet\"?>",
    ])
    func processingInstructionsAreRefused(_ instruccion: String) throws {
        // Found by the fuzz test (seed 20261203): a mutated workbook.xml whose declaration became `<?x?>`.
        let sheet = xmlHeader + #"<worksheet xmlns="\#(mainNS)">"# + instruccion + "<sheetData><row><c t=\"inlineStr\"><is><t>A</t></is></c></row></sheetData></worksheet>"
        let data = try makeZipData(XLSXReadTests.minimalParts.map { ($0.path, Data($0.contents.utf8)) }
            + [("xl/worksheets/sheet1.xml", Data(sheet.utf8))])
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(error?.message.contains("instrucciones de procesamiento") == true, "\(error?.message ?? "")")
    }

    @Test("An XML declaration cannot switch libxml2 to an encoding that hides a DTD", arguments: [
        // Past the 200 bytes the encoding used to be looked for in, libxml2 still honors it.
        #"<?xml version="1.0"\#(String(repeating: " ", count: 300))encoding="UTF-7"?>"#,
        #"<?xml version="1.0"?><?xml version="1.0" encoding="UTF-7"?>"#,
    ])
    func declarationSwitchingEncoding(_ declaration: String) throws {
        // In UTF-7, "+ADw-" is "<": `<!DOCTYPE w [<!ENTITY col "C1">]>` and a cell `r="&col;"`. libxml2
        // expands entities in attribute values, so a reader fooled by the encoding puts "x" in column C.
        let smuggled = "+ADw-+ACE-DOCTYPE w +AFs-+ADw-+ACE-ENTITY col +ACI-C1+ACI-+AD4-+AF0-+AD4-"
            + "+ADw-worksheet+AD4-+ADw-sheetData+AD4-+ADw-row+AD4-"
            + "+ADw-c r+AD0-+ACI-+ACY-col+ADs-+ACI- t+AD0-+ACI-inlineStr+ACI-+AD4-+ADw-is+AD4-+ADw-t+AD4-x"
            + "+ADw-/t+AD4-+ADw-/is+AD4-+ADw-/c+AD4-+ADw-/row+AD4-+ADw-/sheetData+AD4-+ADw-/worksheet+AD4-"
        let data = try makeZip(XLSXReadTests.minimalParts + [("xl/worksheets/sheet1.xml", declaration + smuggled)])
        do {
            let table = try XLSX.read(data)
            #expect(table.rows.map(\.cells) != [["", "", "x"]], "the entity was expanded")
        } catch is SpreadsheetError {
            // refused: fine
        }
    }

    @Test func tooManyElementsAreRefusedBeforeParsing() throws {
        // 20 MB of empty cells (a 20 KB file) would take seconds to parse.
        let data = try limitsWorkbook(sheetData: "<row>" + String(repeating: "<c/>", count: 5_000_000) + "</row>")
        #expect(data.count < 100_000)
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(error?.message.contains("más de 5.000.000 elementos en xl/worksheets/sheet1.xml") == true,
                "\(error?.message ?? "")")
        #expect(error?.message.contains("celdas vacías con formato") == true)
    }

    static func attributes(_ count: Int, value: String = "") -> String {
        (0..<count).map { #" a\#($0)="\#(value)""# }.joined()
    }

    struct AttributesCase: Sendable, CustomTestStringConvertible {
        let sheetData: String
        let refused: Bool
        let testDescription: String
    }

    @Test("An element with too many attributes is refused before libxml2 compares them pairwise", arguments: [
        AttributesCase(sheetData: "<row\(attributes(129))/>", refused: true, testDescription: "129 attributes"),
        AttributesCase(sheetData: "<row\(attributes(128))/>", refused: false, testDescription: "128 attributes"),
        AttributesCase(sheetData: "<row\(attributes(120, value: "x=1 > y='2'"))/>", refused: false,
                       testDescription: "= > and quotes inside values do not count"),
        AttributesCase(sheetData: #"<row x='"'\#(attributes(200))/>"#, refused: true,
                       testDescription: "the other quote inside a value"),
        AttributesCase(sheetData: #"<row "><c\#(attributes(200))/></row>"#, refused: true,
                       testDescription: "a stray quote before the next element"),
        AttributesCase(sheetData: #"<row a="<c\#(attributes(200))/>"/>"#, refused: true,
                       testDescription: "an element inside a value, where no < may be"),
        AttributesCase(sheetData: "<!-- <row\(attributes(200))/> --><row/>", refused: false,
                       testDescription: "attributes inside a comment are text"),
    ])
    func attributeCount(_ example: AttributesCase) throws {
        let data = try limitsWorkbook(sheetData: example.sheetData)
        if example.refused {
            let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
            #expect(error?.message.contains("más de 128 atributos") == true, "\(error?.message ?? "")")
        } else {
            #expect(try XLSX.read(data).rows.isEmpty)
        }
    }

    @Test func deeplyNestedXMLIsRefused() throws {
        for depth in [200, 100_000] {
            let nested = String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth)
            let data = try limitsWorkbook(sheetData: nested)
            let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
            #expect(error?.message.contains("anidados") == true, "\(depth): \(error?.message ?? "")")
        }
        // Office's own nesting (rich text runs inside an inline string) is far below the limit.
        let rich = try limitsWorkbook(sheetData: #"<row><c t="inlineStr"><is><r><rPr><b/></rPr><t>Año</t></r></is></c></row>"#)
        #expect(try XLSX.read(rich).rows.map(\.cells) == [["Año"]])
    }
}

@Suite("CSV limits on untrusted input")
struct CSVLimitsTests {
    @Test func aCSVOfOnlySeparatorsIsRefused() throws {
        // One line: 2 000 001 empty cells in a 2 MB file.
        let oneLine = Data(String(repeating: ";", count: 2_000_000).utf8)
        let error = #expect(throws: SpreadsheetError.self) { try CSV.read(oneLine) }
        #expect(error?.message.contains("demasiadas celdas") == true, "\(error?.message ?? "")")

        // Many lines: every record is empty and dropped as it ends, so nothing is held.
        let manyLines = Data(String(repeating: ";;;;;;;;;;;;;;;;;;;\r\n", count: 10_000).utf8)
        let empty = #expect(throws: SpreadsheetError.self) { try CSV.read(manyLines) }
        #expect(empty?.message.contains("no contiene datos") == true, "\(empty?.message ?? "")")
    }

    @Test func tooManyCellsAreRefused() throws {
        let text = String(repeating: "1;2;3;4;5;6;7;8;9;10\n", count: 200_001)
        let error = #expect(throws: SpreadsheetError.self) { try CSV.read(Data(text.utf8)) }
        #expect(error?.message.contains("demasiadas celdas") == true, "\(error?.message ?? "")")
    }

    @Test func aFieldOverExcelsLimitIsRefusedNamingTheLineWhereItStarts() throws {
        let long = String(repeating: "x", count: 32_768)
        let quoted = #expect(throws: SpreadsheetError.self) {
            try CSV.read("Nombre;Observación\nAna;\"varias\nlíneas \(long)\"\n")
        }
        #expect(quoted?.message.contains("línea 2") == true, "\(quoted?.message ?? "")")
        #expect(quoted?.message.contains("32.767 caracteres") == true)
        let unquoted = #expect(throws: SpreadsheetError.self) { try CSV.read("Nombre;Observación\n\nAna;\(long)\n") }
        #expect(unquoted?.message.contains("línea 3") == true, "\(unquoted?.message ?? "")")

        let longest = String(repeating: "😀", count: 16_383) + "x"  // 32 767 UTF-16 units
        let kept = try CSV.read("a;\"\(longest)\"\n").rows.map(\.cells) == [["a", longest]]
        #expect(kept)
    }

    @Test func tooMuchTextIsRefused() throws {
        // 513 fields of 16 383 emoji (32 766 UTF-16 units, within a cell; 65 532 UTF-8 bytes) are 33.6 MB.
        let line = String(repeating: "😀", count: 16_383) + "\n"
        let error = #expect(throws: SpreadsheetError.self) { try CSV.read(String(repeating: line, count: 513)) }
        #expect(error?.message.contains("demasiado texto") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("32 MB") == true)
    }
}

extension SpreadsheetError {
    /// The message for a text over Excel's limit without a location, as the shared strings give it.
    static let cellTooLongForTests = SpreadsheetError(
        "El archivo tiene un texto de más de 32.767 caracteres en una celda (el máximo de Excel); "
            + "no se procesa por seguridad.")
}
