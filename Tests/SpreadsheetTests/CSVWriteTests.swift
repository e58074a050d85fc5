import Foundation
import Spreadsheet
import Testing

@Suite("CSV writing")
struct CSVWriteTests {
    @Test func writesBOMSemicolonsCRLFAndQuotesOnlyWhenNeeded() {
        let data = CSV.write([["Nombre", "Cargo"], ["Peña; Ana", "Dijo \"sí\""], ["Luis", "línea 1\nlínea 2"], ["", " x"]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "Nombre;Cargo\r\n\"Peña; Ana\";\"Dijo \"\"sí\"\"\"\r\nLuis;\"línea 1\nlínea 2\"\r\n;\" x\"\r\n")
    }

    @Test func withoutBOMAndWithComma() {
        let data = CSV.write([["a,b", "c;d"]], delimiter: ",", bom: false)
        #expect(String(decoding: data, as: UTF8.self) == "\"a,b\",c;d\r\n")
    }

    @Test("Round trip keeps accents, delimiters, quotes, newlines and spaces", arguments: [";", ",", "\t"] as [Character])
    func roundTrip(_ delimiter: Character) throws {
        let rows: [[String]] = [
            ["Cédula", "Apellidos y nombres", "Cargo", "Observación"],
            ["1052", "Peña Ñuñez, María José", "Profesional; grado 2", "Dijo \"no\"\r\ny se fue"],
            ["79123456", "", "  Técnico  ", "línea 1\nlínea 2\n"],
            ["", "Ángela", "\"", "a\tb"],
            ["-3,5", "-12", "€ 1.234,56", "ü ß 日本 😀"],
        ]
        let data = CSV.write(rows, delimiter: delimiter)
        let table = try CSV.read(data)
        #expect(table.rows.map(\.cells) == rows)
        #expect(table.rows.map(\.line) == [1, 2, 4, 7, 8])
    }

    struct InjectionCase: Sendable, CustomTestStringConvertible {
        let cell: String
        let written: String
        var testDescription: String { cell.debugDescription }
    }

    @Test("Formula injection guard", arguments: [
        InjectionCase(cell: "=SUMA(A1:A9)", written: "'=SUMA(A1:A9)"),
        InjectionCase(cell: "=1+1;x", written: "\"'=1+1;x\""),
        InjectionCase(cell: "=1+1,x", written: "'=1+1,x"),
        InjectionCase(cell: "+57 300 123 4567", written: "'+57 300 123 4567"),
        InjectionCase(cell: "-2+3+cmd|' /C calc'!A0", written: "'-2+3+cmd|' /C calc'!A0"),
        InjectionCase(cell: "@SUM(1)", written: "'@SUM(1)"),
        InjectionCase(cell: "\t=1", written: "'\t=1"),
        InjectionCase(cell: "\r=1", written: "\"'\r=1\""),
        InjectionCase(cell: "-", written: "'-"),
        InjectionCase(cell: "-3,5", written: "-3,5"),
        InjectionCase(cell: "-12", written: "-12"),
        InjectionCase(cell: "+57", written: "+57"),
        InjectionCase(cell: "-1.234.567,89", written: "-1.234.567,89"),
        InjectionCase(cell: "-3,", written: "'-3,"),
        InjectionCase(cell: "-1e5", written: "'-1e5"),
        InjectionCase(cell: "Ana = Luis", written: "Ana = Luis"),
        InjectionCase(cell: "ana@correo.gov.co", written: "ana@correo.gov.co"),
        InjectionCase(cell: "", written: ""),
    ])
    func injectionGuard(_ example: InjectionCase) {
        let data = CSV.write([[example.cell, "z"]], bom: false)
        #expect(String(decoding: data, as: UTF8.self) == example.written + ";z\r\n")
    }

    @Test func guardedCellsReadBackWithTheApostrophe() throws {
        let table = try CSV.read(CSV.write([["=HYPERLINK(\"http://x\")", "-12"]]))
        #expect(table.rows[0].cells == ["'=HYPERLINK(\"http://x\")", "-12"])
    }
}
