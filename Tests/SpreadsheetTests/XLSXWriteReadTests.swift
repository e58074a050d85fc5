import Foundation
import Spreadsheet
import Testing
import ZIPFoundation

@Suite("XLSX writing and reading back")
struct XLSXWriteReadTests {
    @Test func roundTripKeepsTextsNumbersDatesAndGaps() throws {
        let sheet = XLSX.Sheet(name: "Personal", rows: [
            [.text("Cédula"), .text("Apellidos y nombres"), .text("Cargo"), .text("Ingreso"), .text("Salario")],
            [.number(1052), .text("Peña Ñuñez, María José"), .text("Profesional <grado 2> & \"asesor\" 'A'"),
             .date(year: 2025, month: 1, day: 1), .number(4_500_000.5)],
            [.number(79_123_456), .empty, .text("  Técnico con espacios  "), .empty, .number(-0.25)],
            [.text("línea 1\nlínea 2\r\nlínea 3"), .text("ctrl\u{1}\u{8}\u{B}chars\u{FFFE}"), .empty, .empty, .text("_x0041_ literal")],
            [],
            [.empty, .empty, .text("solo C")],
            [.date(year: 1900, month: 1, day: 1), .date(year: 2024, month: 2, day: 29), .text("😀 日本 ü")],
        ])
        let data = try XLSX.write([sheet])
        let table = try XLSX.read(data)
        #expect(table.rows == [
            Table.Row(line: 1, cells: ["Cédula", "Apellidos y nombres", "Cargo", "Ingreso", "Salario"]),
            Table.Row(line: 2, cells: ["1052", "Peña Ñuñez, María José", "Profesional <grado 2> & \"asesor\" 'A'",
                                       "45658", "4500000.5"]),
            Table.Row(line: 3, cells: ["79123456", "", "  Técnico con espacios  ", "", "-0.25"]),
            Table.Row(line: 4, cells: ["línea 1\nlínea 2\r\nlínea 3", "ctrlchars", "", "", "_x0041_ literal"]),
            Table.Row(line: 6, cells: ["", "", "solo C"]),
            Table.Row(line: 7, cells: ["1", "45351", "😀 日本 ü"]),
        ])
        #expect(XLSX.dateFromSerial(table.rows[1].cells[3])! == (2025, 1, 1))
        #expect(XLSX.dateFromSerial(table.rows[5].cells[1])! == (2024, 2, 29))
    }

    @Test func headerIsBoldAndFrozenAndDatesUseDayMonthYear() throws {
        let data = try XLSX.write([XLSX.Sheet(name: "Hoja", rows: [
            [.text("Nombre"), .text("Fecha")],
            [.text("Ana"), .date(year: 2025, month: 3, day: 15)],
        ], columnWidths: [30, 12.5])])
        let sheetXML = try #require(try zipPart(data, "xl/worksheets/sheet1.xml"))
        let styles = try #require(try zipPart(data, "xl/styles.xml"))
        #expect(sheetXML.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheetXML.contains(#"<c r="A1" s="1" t="s">"#))
        #expect(sheetXML.contains(#"<c r="B2" s="2"><v>45731</v></c>"#))
        #expect(sheetXML.contains(#"<col min="1" max="1" width="30" customWidth="1"/>"#))
        #expect(sheetXML.contains(#"<col min="2" max="2" width="12.5" customWidth="1"/>"#))
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>"#))
        #expect(styles.contains("<font><b/>"))
        #expect(styles.contains(#"<xf numFmtId="0" fontId="1""#))
        #expect(styles.contains(#"<xf numFmtId="164" fontId="0""#))
    }

    @Test func severalSheetsAreReadByNameInOrder() throws {
        let data = try XLSX.write([
            XLSX.Sheet(name: "Planta", rows: [[.text("A")], [.number(1)]]),
            XLSX.Sheet(name: "Contratistas", rows: [[.text("B")], [.number(2)]]),
            XLSX.Sheet(name: "Vacía", rows: []),
        ])
        #expect(try XLSX.sheetNames(data) == ["Planta", "Contratistas", "Vacía"])
        #expect(try XLSX.read(data).rows.map(\.cells) == [["A"], ["1"]])
        #expect(try XLSX.read(data, sheet: "Contratistas").rows.map(\.cells) == [["B"], ["2"]])
        #expect(try XLSX.read(data, sheet: "contratistas ").rows.map(\.cells) == [["B"], ["2"]])
        #expect(try XLSX.read(data, sheet: "Vacía").rows.isEmpty)
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data, sheet: "Retirados") }
        #expect(error?.message.contains("Retirados") == true)
        #expect(error?.message.contains("«Planta»") == true)
    }

    struct NamesCase: Sendable, CustomTestStringConvertible {
        let given: [String]
        let expected: [String]
        let testDescription: String
    }

    @Test("Sheet names are made acceptable to Excel", arguments: [
        NamesCase(given: ["Nómina 2025/01"], expected: ["Nómina 2025-01"], testDescription: "slash"),
        NamesCase(given: ["[Borrador]: ¿listo?*\\x"], expected: ["Borrador- ¿listo-x"], testDescription: "forbidden characters"),
        NamesCase(given: ["Funcionarios de planta con nombramiento provisional"],
                  expected: ["Funcionarios de planta con nomb"], testDescription: "31 characters"),
        NamesCase(given: ["Datos", "datos", "DATOS"], expected: ["Datos", "datos (2)", "DATOS (3)"],
                  testDescription: "unique ignoring case"),
        NamesCase(given: ["Funcionarios de planta con nombramiento", "Funcionarios de planta con nombramiento"],
                  expected: ["Funcionarios de planta con nomb", "Funcionarios de planta con (2)"],
                  testDescription: "unique after truncation"),
        NamesCase(given: ["", "  ", "'citado'", "History"], expected: ["Hoja 1", "Hoja 2", "citado", "History (2)"],
                  testDescription: "empty, apostrophes and reserved"),
        NamesCase(given: ["Tab\tcon\ncontrol"], expected: ["Tabconcontrol"], testDescription: "control characters"),
    ])
    func sheetNamesAreSanitized(_ example: NamesCase) throws {
        let data = try XLSX.write(example.given.map { XLSX.Sheet(name: $0, rows: [[.text("x")]]) })
        let names = try XLSX.sheetNames(data)
        #expect(names == example.expected)
        for name in names {
            #expect(name.utf16.count <= 31)
            #expect(!name.contains(where: { "[]:*?/\\".contains($0) }))
        }
    }

    @Test func numbersAreWrittenWithoutSpuriousDecimals() throws {
        let data = try XLSX.write([XLSX.Sheet(name: "N", rows: [
            [.number(1052), .number(0.1), .number(-3.5), .number(1e20), .number(.nan), .number(1_234_567_890_123)],
        ])])
        let sheetXML = try #require(try zipPart(data, "xl/worksheets/sheet1.xml"))
        #expect(sheetXML.contains("<v>1052</v>"))
        #expect(!sheetXML.contains("1052.0"))
        #expect(try XLSX.read(data).rows[0].cells == ["1052", "0.1", "-3.5", "1e+20", "", "1234567890123"])
    }

    @Test func veryLongTextsAreCutToExcelsLimit() throws {
        let data = try XLSX.write([XLSX.Sheet(name: "L", rows: [[.text(String(repeating: "ñ", count: 40_000))]])])
        #expect(try XLSX.read(data).rows[0].cells[0].count == 32_767)
    }

    @Test func writingErrors() {
        #expect(throws: SpreadsheetError.self) { try XLSX.write([]) }
        let error = #expect(throws: SpreadsheetError.self) {
            try XLSX.write([XLSX.Sheet(name: "F", rows: [[.text("Fecha")], [.date(year: 2025, month: 2, day: 30)]])])
        }
        #expect(error?.message.contains("A2") == true)
    }

    @Test func datesOutsideExcelsRangeBecomeText() throws {
        let data = try XLSX.write([XLSX.Sheet(name: "F", rows: [[.date(year: 1899, month: 12, day: 31)]])])
        #expect(try XLSX.read(data).rows[0].cells == ["31/12/1899"])
    }
}
