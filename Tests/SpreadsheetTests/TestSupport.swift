import Foundation
import Testing
import ZIPFoundation

/// Builds a zip in memory from literal part contents, the way the tests hand-craft workbooks.
func makeZip(_ parts: [(path: String, contents: String)], compression: CompressionMethod = .deflate) throws -> Data {
    try makeZipData(parts.map { ($0.path, Data($0.contents.utf8)) }, compression: compression)
}

func makeZipData(_ parts: [(path: String, data: Data)], compression: CompressionMethod = .deflate) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in parts {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression
        ) { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }
    }
    return try #require(archive.data)
}

/// The contents of one part of a zip, as text.
func zipPart(_ data: Data, _ path: String) throws -> String? {
    let archive = try Archive(data: data, accessMode: .read)
    guard let entry = archive[path] else { return nil }
    var result = Data()
    _ = try archive.extract(entry) { result.append($0) }
    return String(decoding: result, as: UTF8.self)
}

/// A small deterministic pseudo-random generator (SplitMix64), so "random" inputs are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> Data {
    var generator = SeededGenerator(seed: seed)
    return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
}

let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
let xmlHeader = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"

/// Standard package parts for a hand-built workbook with the given worksheets (name, part file under
/// xl/worksheets/, relationship id), plus a shared strings part.
func excelLikePackage(
    sheets: [(name: String, file: String, rid: String, state: String?)],
    sharedStrings: String?,
    worksheets: [(file: String, xml: String)]
) -> [(path: String, contents: String)] {
    var contentTypes = xmlHeader + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    for sheet in worksheets {
        contentTypes += #"<Override PartName="/xl/worksheets/\#(sheet.file)" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
    }
    contentTypes += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#

    let rootRels = xmlHeader + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    var workbook = xmlHeader + #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets>"#
    for (index, sheet) in sheets.enumerated() {
        let state = sheet.state.map { #" state="\#($0)""# } ?? ""
        workbook += #"<sheet name="\#(sheet.name)" sheetId="\#(index + 7)"\#(state) r:id="\#(sheet.rid)"/>"#
    }
    workbook += #"</sheets><calcPr calcId="191029"/></workbook>"#

    var workbookRels = xmlHeader + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    for sheet in sheets {
        workbookRels += #"<Relationship Id="\#(sheet.rid)" Type="\#(relNS)/worksheet" Target="worksheets/\#(sheet.file)"/>"#
    }
    workbookRels += #"<Relationship Id="rId90" Type="\#(relNS)/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="\#(relNS)/theme" Target="theme/theme1.xml"/></Relationships>"#

    var parts: [(path: String, contents: String)] = [
        ("[Content_Types].xml", contentTypes),
        ("_rels/.rels", rootRels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbookRels),
    ]
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
    for sheet in worksheets { parts.append(("xl/worksheets/\(sheet.file)", sheet.xml)) }
    return parts
}

func worksheet(_ sheetData: String) -> String {
    xmlHeader + #"<worksheet xmlns="\#(mainNS)" xmlns:r="\#(relNS)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><dimension ref="A1:F7"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="14.7109375" customWidth="1"/></cols><sheetData>\#(sheetData)</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
}
