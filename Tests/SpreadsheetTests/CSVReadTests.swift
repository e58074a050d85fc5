import Foundation
import Spreadsheet
import Testing

@Suite("CSV reading")
struct CSVReadTests {
    struct DelimiterCase: Sendable, CustomTestStringConvertible {
        let text: String
        let firstRow: [String]
        let testDescription: String
    }

    @Test("Detects the delimiter from the first record, outside quotes", arguments: [
        DelimiterCase(text: "Cédula;Nombre;Cargo\r\n1052;Ana;Auxiliar\r\n",
                      firstRow: ["Cédula", "Nombre", "Cargo"], testDescription: "semicolon"),
        DelimiterCase(text: "Cédula,Nombre,Cargo\n1052,Ana,Auxiliar\n",
                      firstRow: ["Cédula", "Nombre", "Cargo"], testDescription: "comma"),
        DelimiterCase(text: "Cédula\tNombre\tCargo\n1052\tAna\tAuxiliar\n",
                      firstRow: ["Cédula", "Nombre", "Cargo"], testDescription: "tab"),
        DelimiterCase(text: "\"Apellidos; nombres\",Cédula,Cargo\n\"Peña; Ana\",1052,Auxiliar\n",
                      firstRow: ["Apellidos; nombres", "Cédula", "Cargo"],
                      testDescription: "semicolons inside quotes do not count"),
        DelimiterCase(text: "Apellidos, nombres;Cédula\nPeña, Ana;1052\n",
                      firstRow: ["Apellidos, nombres", "Cédula"], testDescription: "tie prefers semicolon"),
        DelimiterCase(text: "\n\n  \nA,B;C,D\n1,2,3\n", firstRow: ["A", "B;C", "D"],
                      testDescription: "leading empty lines are passed over"),
        DelimiterCase(text: "Nombre\nPeña, Ana\n", firstRow: ["Nombre"], testDescription: "single column"),
        DelimiterCase(text: "Pantalla 15\",Marca,Valor\n\"x;y\",1,2\n", firstRow: ["Pantalla 15\"", "Marca", "Valor"],
                      testDescription: "a quote inside an unquoted cell opens nothing"),
    ])
    func detectsDelimiter(_ example: DelimiterCase) throws {
        let table = try CSV.read(example.text)
        try #require(table.rows.count == 2)
        #expect(table.rows.first?.cells == example.firstRow)
        // The second record splits the same way as the first.
        if example.testDescription == "single column" {
            #expect(table.rows[1].cells == ["Peña, Ana"])
        } else {
            #expect(table.rows[1].cells.count == example.firstRow.count)
        }
    }

    @Test func explicitDelimiterOverridesDetection() throws {
        let table = try CSV.read("a;b,c\n1;2,3\n", delimiter: ",")
        #expect(table.rows.map(\.cells) == [["a;b", "c"], ["1;2", "3"]])
    }

    @Test func honorsExcelsSepHintLine() throws {
        let table = try CSV.read(Data("sep=,\r\nNombre;cargo,Ciudad\r\nAna,Bogotá\r\n".utf8))
        #expect(table.rows == [
            Table.Row(line: 2, cells: ["Nombre;cargo", "Ciudad"]),
            Table.Row(line: 3, cells: ["Ana", "Bogotá"]),
        ])
    }

    @Test("An impossible delimiter is an error", arguments: ["\"", "\n", "\r\n"] as [Character])
    func invalidDelimiter(_ delimiter: Character) {
        #expect(throws: SpreadsheetError.self) { try CSV.read("a;b\n", delimiter: delimiter) }
    }

    @Test func quotesEscapedQuotesAndEmbeddedNewlinesKeepLineNumbers() throws {
        let text = "Nombre;Observación;Ciudad\r\n"
            + "\"Peña, Ana\";\"Dijo \"\"sí\"\"; luego\r\nfirmó\r\nel acta\";Bogotá\r\n"
            + "Luis;\"\";\"Cali\"\r\n"
            + "\"Mar\"\"ía\";  sin comillas  ;\"  con espacios  \"\r\n"
        let table = try CSV.read(text)
        #expect(table.rows == [
            Table.Row(line: 1, cells: ["Nombre", "Observación", "Ciudad"]),
            Table.Row(line: 2, cells: ["Peña, Ana", "Dijo \"sí\"; luego\r\nfirmó\r\nel acta", "Bogotá"]),
            Table.Row(line: 5, cells: ["Luis", "", "Cali"]),
            Table.Row(line: 6, cells: ["Mar\"ía", "sin comillas", "  con espacios  "]),
        ])
    }

    @Test func lineNumbersCountLFAndLoneCR() throws {
        let table = try CSV.read("a;b\n\"x\ny\";z\r1;2\r\n3;4")
        #expect(table.rows.map(\.line) == [1, 2, 4, 5])
        #expect(table.rows[1].cells == ["x\ny", "z"])
        #expect(table.rows[3].cells == ["3", "4"])
    }

    @Test func emptyLinesAndRowsOfEmptyCellsAreSkipped() throws {
        let text = "Cédula;Nombre\r\n\r\n   \r\n1052;Ana\n\n;;\n\t\n79123;Luis\n\n"
        let table = try CSV.read(text)
        #expect(table.rows == [
            Table.Row(line: 1, cells: ["Cédula", "Nombre"]),
            Table.Row(line: 4, cells: ["1052", "Ana"]),
            Table.Row(line: 8, cells: ["79123", "Luis"]),
        ])
    }

    @Test func keepsEmptyCellsAndTrailingEmptyCellInARecord() throws {
        let table = try CSV.read("a;;c;\n")
        #expect(table.rows[0].cells == ["a", "", "c", ""])
    }

    @Test func lenientWithStrayQuotes() throws {
        // Unquoted cell containing a quote, and text after a closing quote, as Excel tolerates.
        let table = try CSV.read("Pantalla 15\" pulgadas;\"abc\"def ;x\n")
        #expect(table.rows[0].cells == ["Pantalla 15\" pulgadas", "abcdef", "x"])
    }

    @Test func utf8BOMIsRemoved() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("Nombre;Ciudad\r\nAna;Bogotá\r\n".utf8))
        let table = try CSV.read(data)
        #expect(table.rows[0].cells == ["Nombre", "Ciudad"])
        #expect(table.rows[0].cells[0].unicodeScalars.first == "N")
        #expect(table.rows[1].cells == ["Ana", "Bogotá"])
    }

    @Test func windows1252IsDecodedWhenNotUTF8() throws {
        // "Ciudad;Nombre;Valor\r\nBogotá;Peña Ñuñez;€ 5 – “ok”\r\n" as Windows-1252 bytes.
        var bytes: [UInt8] = Array("Ciudad;Nombre;Valor\r\nBogot".utf8) + [0xE1]
        bytes += Array(";Pe".utf8) + [0xF1] + Array("a ".utf8) + [0xD1] + Array("u".utf8) + [0xF1]
        bytes += Array("ez;".utf8) + [0x80] + Array(" 5 ".utf8) + [0x96, 0x20, 0x93] + Array("ok".utf8) + [0x94]
        bytes += Array("\r\n".utf8)
        let table = try CSV.read(Data(bytes))
        #expect(table.rows[1].cells == ["Bogotá", "Peña Ñuñez", "€ 5 – “ok”"])
    }

    @Test func latin1BytesAloneDecode() throws {
        let table = try CSV.read(Data([0x42, 0x6F, 0x67, 0x6F, 0x74, 0xE1]))  // "Bogotá"
        #expect(table.rows == [Table.Row(line: 1, cells: ["Bogotá"])])
    }

    @Test func utf16WithBOMIsDecoded() throws {
        var data = Data([0xFF, 0xFE])
        for unit in "Nombre\tCiudad\r\nAna\tBogotá\r\n".utf16 {
            data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        let table = try CSV.read(data)
        #expect(table.rows.map(\.cells) == [["Nombre", "Ciudad"], ["Ana", "Bogotá"]])
    }

    struct UnterminatedCase: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        var testDescription: String { "quote opened on line \(line)" }
    }

    @Test("An unterminated quote is an error naming the line where it starts", arguments: [
        UnterminatedCase(text: "\"Nombre;Cargo\nAna;Auxiliar\n", line: 1),
        UnterminatedCase(text: "Nombre;Cargo\r\nAna;Auxiliar\r\nLuis;\"Profesional\r\nPedro;Técnico\r\n", line: 3),
        UnterminatedCase(text: "a;b\n\"x\ny\";z\n\n1;\"2\"\"\n", line: 5),
    ])
    func unterminatedQuote(_ example: UnterminatedCase) {
        let error = #expect(throws: SpreadsheetError.self) { try CSV.read(example.text) }
        #expect(error?.message.contains("línea \(example.line).") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("comillas") == true)
    }

    struct GarbageCase: Sendable, CustomTestStringConvertible {
        let data: Data
        let testDescription: String
    }

    @Test("Garbage is an error, never a crash", arguments: [
        GarbageCase(data: Data(), testDescription: "empty file"),
        GarbageCase(data: Data([0xEF, 0xBB, 0xBF]), testDescription: "only a BOM"),
        GarbageCase(data: Data("\r\n\r\n   \n;;;\n".utf8), testDescription: "only empty lines"),
        GarbageCase(data: randomBytes(4096, seed: 1), testDescription: "random bytes"),
        GarbageCase(data: randomBytes(300, seed: 2), testDescription: "a few random bytes"),
        GarbageCase(data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]),
                    testDescription: "a PNG image"),
        GarbageCase(data: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]), testDescription: "a zip / xlsx"),
        GarbageCase(data: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), testDescription: "an old .xls"),
    ])
    func garbage(_ example: GarbageCase) {
        let error = #expect(throws: SpreadsheetError.self) { try CSV.read(example.data) }
        #expect(error?.message.isEmpty == false)
    }

    @Test func emptyTextIsAnError() {
        #expect(throws: SpreadsheetError.self) { try CSV.read("") }
        #expect(throws: SpreadsheetError.self) { try CSV.read("\u{FEFF}") }
    }
}
