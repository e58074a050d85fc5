import Foundation
import Spreadsheet
import Testing
import ZIPFoundation

@Suite("XLSX reading")
struct XLSXReadTests {
    /// Shared strings as Excel writes them: plain, rich text runs, a phonetic guide, escapes.
    static let sharedStrings = xmlHeader + #"<sst xmlns="\#(mainNS)" count="11" uniqueCount="10">"#
        + "<si><t>Cédula</t></si>"
        + "<si><t>Nombre</t></si>"
        + "<si><t>Cargo</t></si>"
        + "<si><t>Fecha de ingreso</t></si>"
        + #"<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t>María</t></r><r><rPr><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve"> José Peña</t></r></si>"#
        + "<si><t>Profesional &amp; asesor &lt;grado 2&gt;</t></si>"
        + #"<si><t>Tomás</t><rPh sb="0" eb="5"><t>トマス</t></rPh><phoneticPr fontId="1"/></si>"#
        + "<si><t>Auxiliar_x000D_\nadministrativo</t></si>"
        + #"<si><t xml:space="preserve">  con espacios  </t></si>"#
        + "<si><t/></si>"
        + "</sst>"

    /// The first sheet in workbook order ("Personal") lives in sheet2.xml, to be found only through
    /// the relationships. Rows skip numbers, cells skip columns, empty styled cells abound.
    static let personal = worksheet(
        #"<row r="1" spans="1:5" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" s="1" t="s"><v>2</v></c><c r="D1" s="1" t="s"><v>3</v></c></row>"#
        + #"<row r="2" spans="1:5" x14ac:dyDescent="0.25"><c r="A2"><v>1052</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" s="2"><v>45658</v></c></row>"#
        + #"<row r="3" spans="1:5" x14ac:dyDescent="0.25"><c r="A3" s="3"/><c r="B3" s="3"/><c r="C3" t="s"><v>9</v></c></row>"#
        + #"<row r="5" spans="1:6"><c r="A5"><v>79123456.0</v></c><c r="C5" t="s"><v>6</v></c><c r="E5" t="b"><v>1</v></c><c r="F5" s="3"/></row>"#
        + #"<row r="6"><c r="B6" t="str"><f>UPPER(B2)</f><v>MARÍA JOSÉ PEÑA</v></c><c r="C6" t="inlineStr"><is><t>En línea</t></is></c><c r="D6" s="2"><f>D2+1</f><v>45659</v></c><c r="E6"><v>0.30000000000000004</v></c></row>"#
        + #"<row r="7"><c r="A7" t="e"><v>#N/A</v></c><c r="B7" t="s"><v>7</v></c><c r="C7" t="s"><v>8</v></c><c r="D7" t="b"><v>0</v></c><c r="E7"><v>1.5E-3</v></c></row>"#
        + #"<row r="8" spans="1:5"/>"#
        + #"<row r="9"><c r="AA9" t="inlineStr"><is><r><t>rich</t></r><r><t xml:space="preserve"> inline</t></r></is></c></row>"#)

    static let notes = worksheet(#"<row r="1"><c r="A1" t="s"><v>1</v></c></row><row r="2"><c><v>7</v></c><c><v>8</v></c></row>"#)

    static func excelWorkbook() throws -> Data {
        try makeZip(excelLikePackage(
            sheets: [("Personal", "sheet2.xml", "rId5", nil), ("Notas &amp; más", "sheet1.xml", "rId1", nil)],
            sharedStrings: sharedStrings,
            worksheets: [("sheet1.xml", notes), ("sheet2.xml", personal)]))
    }

    @Test func readsAnExcelLikeWorkbookWithSharedStringsAndGaps() throws {
        let table = try XLSX.read(try Self.excelWorkbook())
        #expect(table.rows == [
            Table.Row(line: 1, cells: ["Cédula", "Nombre", "Cargo", "Fecha de ingreso"]),
            Table.Row(line: 2, cells: ["1052", "María José Peña", "Profesional & asesor <grado 2>", "45658"]),
            Table.Row(line: 5, cells: ["79123456", "", "Tomás", "", "VERDADERO"]),
            Table.Row(line: 6, cells: ["", "MARÍA JOSÉ PEÑA", "En línea", "45659", "0.3"]),
            Table.Row(line: 7, cells: ["#N/A", "Auxiliar\r\nadministrativo", "  con espacios  ", "FALSO", "0.0015"]),
            Table.Row(line: 9, cells: Array(repeating: "", count: 26) + ["rich inline"]),
        ])
    }

    @Test func sheetNamesFollowWorkbookOrder() throws {
        let data = try Self.excelWorkbook()
        #expect(try XLSX.sheetNames(data) == ["Personal", "Notas & más"])
        let notes = try XLSX.read(data, sheet: "Notas & más")
        #expect(notes.rows == [
            Table.Row(line: 1, cells: ["Nombre"]),
            Table.Row(line: 2, cells: ["7", "8"]),
        ])
    }

    @Test func hiddenFirstSheetIsPassedOverAndChartSheetsAreNotListed() throws {
        var parts = excelLikePackage(
            sheets: [("Oculta", "sheet1.xml", "rId1", "hidden"), ("Visible", "sheet2.xml", "rId2", nil)],
            sharedStrings: Self.sharedStrings,
            worksheets: [("sheet1.xml", worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
                         ("sheet2.xml", worksheet(#"<row r="1"><c r="A1"><v>2</v></c></row>"#))])
        // Add a chart sheet to the workbook and its relationships.
        let workbookIndex = try #require(parts.firstIndex { $0.path == "xl/workbook.xml" })
        parts[workbookIndex].contents = parts[workbookIndex].contents.replacingOccurrences(
            of: "</sheets>", with: #"<sheet name="Gráfico" sheetId="20" r:id="rId30"/></sheets>"#)
        let relsIndex = try #require(parts.firstIndex { $0.path == "xl/_rels/workbook.xml.rels" })
        parts[relsIndex].contents = parts[relsIndex].contents.replacingOccurrences(
            of: "</Relationships>",
            with: #"<Relationship Id="rId30" Type="\#(relNS)/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#)
        let data = try makeZip(parts)
        #expect(try XLSX.sheetNames(data) == ["Oculta", "Visible"])
        #expect(try XLSX.read(data).rows.map(\.cells) == [["2"]])
        #expect(try XLSX.read(data, sheet: "Oculta").rows.map(\.cells) == [["1"]])
    }

    @Test func readsPrefixedNamespacesAbsoluteTargetsAndNoSharedStrings() throws {
        // Some generators (Open XML SDK) prefix every element and use absolute targets.
        let ns = #"xmlns:x="\#(mainNS)" xmlns:r="\#(relNS)""#
        let data = try makeZip([
            ("[Content_Types].xml", xmlHeader + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<x:workbook \#(ns)><x:sheets><x:sheet name="Datos" sheetId="1" r:id="R9"/></x:sheets></x:workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R9" Type="\#(relNS)/worksheet" Target="/xl/worksheets/datos.xml"/></Relationships>"#),
            ("xl/worksheets/datos.xml", #"<x:worksheet \#(ns)><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>Año</x:t></x:is></x:c><x:c r="C1" t="str"><x:v>x</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="d"><x:v>2025-01-01T00:00:00</x:v></x:c></x:row></x:sheetData></x:worksheet>"#),
        ])
        #expect(try XLSX.sheetNames(data) == ["Datos"])
        #expect(try XLSX.read(data).rows == [
            Table.Row(line: 1, cells: ["", "Año", "x"]),
            Table.Row(line: 2, cells: ["45658"]),
        ])
    }

    @Test func readsASheetWhoseXMLIsOverTenMegabytes() throws {
        // Excel writes a sheet's XML on one line; libxml2 fed with it at once gives up past 10 MB.
        let filler = String(repeating: "Peña Ñuñez María José ", count: 6)
        var sheetData = ""
        let count = 80_000
        sheetData.reserveCapacity(count * 200)
        for row in 1...count {
            sheetData += #"<row r="\#(row)"><c r="A\#(row)"><v>\#(row)</v></c><c r="B\#(row)" t="inlineStr"><is><t>\#(filler)</t></is></c></row>"#
        }
        let xml = worksheet(sheetData)
        #expect(xml.utf8.count > 12_000_000)
        let data = try makeZip(Self.minimalParts + [("xl/worksheets/sheet1.xml", xml)])
        let table = try XLSX.read(data)
        #expect(table.rows.count == count)
        #expect(table.rows.last == Table.Row(line: count, cells: [String(count), filler]))
    }

    struct GarbageCase: Sendable, CustomTestStringConvertible {
        let data: @Sendable () throws -> Data
        let testDescription: String
    }

    static let minimalParts: [(path: String, contents: String)] = [
        ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relNS)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
    ]

    @Test("Garbage is an error with a Spanish message, never a crash", arguments: [
        GarbageCase(data: { Data() }, testDescription: "empty file"),
        GarbageCase(data: { randomBytes(10_000, seed: 7) }, testDescription: "random bytes"),
        GarbageCase(data: { Data([0x50, 0x4B]) + randomBytes(2000, seed: 8) }, testDescription: "PK then random bytes"),
        GarbageCase(data: { Data("Cédula;Nombre\r\n1052;Ana\r\n".utf8) }, testDescription: "a CSV"),
        GarbageCase(data: { Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512) },
                    testDescription: "old .xls or encrypted"),
        GarbageCase(data: { try makeZip([("word/document.xml", "<w:document/>"), ("hola.txt", "hola")]) },
                    testDescription: "a zip that is not a workbook"),
        GarbageCase(data: { try makeZip([]) }, testDescription: "an empty zip"),
        GarbageCase(data: { try makeZip([("xl/workbook.xml", "<workbook><sheets><sheet name=")]) },
                    testDescription: "broken workbook XML"),
        GarbageCase(data: { try makeZip([("xl/workbook.xml", #"<workbook xmlns="\#(mainNS)"><sheets/></workbook>"#)]) },
                    testDescription: "workbook without sheets"),
        GarbageCase(data: { try makeZip(minimalParts) }, testDescription: "missing worksheet part"),
        GarbageCase(data: { try makeZip(minimalParts + [("xl/worksheets/sheet1.xml",
                                                           #"<worksheet><sheetData><row><c t="s"><v>3</v></c></row></sheetData></worksheet>"#)]) },
                    testDescription: "shared string that does not exist"),
        GarbageCase(data: { try makeZip(minimalParts + [("xl/worksheets/sheet1.xml",
                                                           #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"#)]) },
                    testDescription: "entity expansion"),
    ])
    func garbage(_ example: GarbageCase) throws {
        let data = try example.data()
        let readError = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(readError?.message.isEmpty == false)
        if example.testDescription != "missing worksheet part" && example.testDescription != "shared string that does not exist"
            && example.testDescription != "entity expansion" {
            #expect(throws: SpreadsheetError.self) { try XLSX.sheetNames(data) }
        }
    }

    @Test func garbageMessageIsTheOneForNonWorkbooks() {
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(Data("hola".utf8)) }
        #expect(error?.message == "El archivo no es un libro de Excel (.xlsx) válido.")
    }

    @Test func corruptedWorkbooksNeverCrash() throws {
        let original = try XLSX.write([XLSX.Sheet(name: "Personal", rows: [
            [.text("Cédula"), .text("Nombre")], [.number(1052), .text("Ana")], [.number(79), .date(year: 2025, month: 1, day: 1)],
        ])])
        var generator = SeededGenerator(seed: 42)
        var outcomes = (ok: 0, failed: 0)
        for _ in 0..<400 {
            var bytes = [UInt8](original)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                bytes.removeLast(Int.random(in: 0..<200, using: &generator))
            }
            do {
                _ = try XLSX.read(Data(bytes))
                outcomes.ok += 1
            } catch is SpreadsheetError {
                outcomes.failed += 1
            }
        }
        #expect(outcomes.failed > 0)
    }
}

@Suite("XLSX zip bomb guard")
struct XLSXZipBombTests {
    static let limit = 50 * 1024 * 1024

    static func bomb() throws -> Data {
        let big = Data(count: limit + 1)  // zeros compress to about 50 KB
        return try makeZipData(XLSXReadTests.minimalParts.map { ($0.path, Data($0.contents.utf8)) }
            + [("xl/worksheets/sheet1.xml", big)])
    }

    @Test func refusesAnEntryOverFiftyMegabytes() throws {
        let data = try Self.bomb()
        #expect(data.count < 1_000_000)
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(data) }
        #expect(error?.message.contains("50 MB") == true)
    }

    @Test func refusesAnEntryWhoseHeaderLiesAboutItsSize() throws {
        var bytes = [UInt8](try Self.bomb())
        // Patch the declared uncompressed size (local header offset 22, central directory offset 24)
        // of the big entry to 1000 bytes.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var patched = 0
        for index in 0..<(bytes.count - 46) {
            let local = bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04])
            let central = bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02])
            guard local || central else { continue }
            let nameOffset = index + (local ? 30 : 46)
            guard bytes.count >= nameOffset + name.count,
                  bytes[nameOffset..<nameOffset + name.count].elementsEqual(name) else { continue }
            let sizeOffset = index + (local ? 22 : 24)
            bytes.replaceSubrange(sizeOffset..<sizeOffset + 4, with: [0xE8, 0x03, 0, 0])
            patched += 1
        }
        #expect(patched == 2)
        let error = #expect(throws: SpreadsheetError.self) { try XLSX.read(Data(bytes)) }
        #expect(error?.message.contains("50 MB") == true)
    }
}
