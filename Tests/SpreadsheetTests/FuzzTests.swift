import Foundation
import Spreadsheet
import Testing
import ZIPFoundation

/// Mutational fuzzing of the .xlsx and CSV readers: valid seed files, randomly damaged, must give a
/// result or a ``SpreadsheetError``, never a trap, a hang, or another error (which the server would
/// turn into a 500).
///
/// Each target runs for `PACTA_FUZZ_SEGUNDOS` seconds (2 by default, so the normal suite stays fast):
///
///     PACTA_FUZZ_SEGUNDOS=120 swift test --filter FuzzTests
///
/// The seed is printed at the start and at the end; `PACTA_FUZZ_SEMILLA=<seed>` replays the same
/// sequence of inputs. With `PACTA_FUZZ_DIR=<folder>` each input is written there before it is read,
/// so the one that brings the process down is left behind (`ultima-entrada.xlsx` / `.csv`).
@Suite("Fuzzing the readers")
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seconds = environment["PACTA_FUZZ_SEGUNDOS"].flatMap(Double.init) ?? 2
    static let directory = environment["PACTA_FUZZ_DIR"].map { URL(fileURLWithPath: $0) }

    /// A single input is a few hundred KB at most and reads in milliseconds; a limit this loose only
    /// catches the near-hangs (quadratic paths) that fuzzing is for.
    static let slowestAllowed: Duration = .seconds(30)

    static func seed(for target: String) -> UInt64 {
        if let text = environment["PACTA_FUZZ_SEMILLA"], let seed = UInt64(text) { return seed }
        return UInt64.random(in: 0...UInt64.max)
    }

    struct Outcome {
        var inputs = 0
        var read = 0
        var refused = 0
        var otherErrors: [String] = []
        var slowest: Duration = .zero
        var slowestKind = ""

        mutating func run(_ kind: String, _ body: () throws -> Void) {
            let start = ContinuousClock.now
            do {
                try body()
                read += 1
            } catch let error as SpreadsheetError {
                refused += 1
                if error.message.isEmpty { otherErrors.append("\(kind): mensaje vacío") }
            } catch {
                if otherErrors.count < 20 { otherErrors.append("\(kind): \(error)") }
            }
            let elapsed = ContinuousClock.now - start
            if elapsed > slowest { (slowest, slowestKind) = (elapsed, kind) }
        }
    }

    static func keep(_ bytes: [UInt8], as name: String) {
        guard let directory else { return }
        try? Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    static func report(_ target: String, _ outcome: Outcome, seed: UInt64, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let slowest = Double(outcome.slowest.components.seconds) + Double(outcome.slowest.components.attoseconds) / 1e18
        print("fuzz \(target): \(outcome.inputs) entradas en \(String(format: "%.1f", seconds)) s, semilla \(seed) "
            + "(\(outcome.read) leídas, \(outcome.refused) rechazadas; la más lenta \(String(format: "%.3f", slowest)) s, "
            + "\(outcome.slowestKind))")
    }

    // MARK: - XLSX

    /// Seeds: what Pacta writes, and an Excel-like workbook with rich text, phonetic guides, inline
    /// strings, gaps and two sheets.
    static func xlsxSeeds() throws -> [Data] {
        let people = XLSX.Sheet(name: "Personal", rows: [
            [.text("Cédula"), .text("Apellidos y nombres"), .text("Cargo"), .text("Ingreso"), .text("Salario")],
            [.number(1052), .text("Peña Ñuñez, María José"), .text("Profesional <grado 2> & \"asesor\""),
             .date(year: 2025, month: 1, day: 31), .number(4_500_000.5)],
            [.number(79_123_456), .empty, .text("línea 1\nlínea 2"), .empty, .number(-0.25)],
            [.text("_x0041_ literal"), .text("😀 日本 ü"), .empty, .date(year: 2024, month: 2, day: 29)],
        ])
        let other = XLSX.Sheet(name: "Contratistas", rows: [[.text("Nombre")], [.text("Ana")], [.number(3)]])
        return [
            try XLSX.write([people]),
            try XLSX.write([people, other]),
            try XLSXReadTests.excelWorkbook(),
        ]
    }

    /// Parts of a zip, uncompressed, to mutate the XML itself and zip it again: mutating the zip alone
    /// mostly stops at the CRC check and never reaches the XML parser.
    static func parts(of zip: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: zip, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, data)
        }
    }

    static let xmlTokens: [String] = [
        "<", ">", "/>", "</", "\"", "'", "=", "&", "&amp;", "&lt;", "&#0;", "&#x10FFFF;", "&#xD800;", "&bogus;",
        "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<!ENTITY", "_x0041_", "_xD800_", "_x005F_", "_x",
        "<row>", "</row>", "<row r=\"1048576\">", "<row r=\"-1\">", "<row r=\"99999999999999999999\">",
        "<c>", "</c>", "<c r=\"XFD1\">", "<c r=\"ZZZZ1\">", "<c r=\"$A$1\">", "<c r=\"\">", " t=\"s\"", " t=\"inlineStr\"",
        " t=\"b\"", " t=\"d\"", " t=\"e\"", " t=\"str\"", "<v>", "</v>", "<v>0</v>", "<v>-1</v>", "<v>1e308</v>",
        "<v>9223372036854775807</v>", "<v>nan</v>", "<v>2025-02-30</v>", "<is><t>", "</t></is>", "<t>", "</t>",
        "<rPh>", "</rPh>", "<r>", "</r>", "<si>", "</si>", "<si/>", "<sheet name=\"\" sheetId=\"1\" r:id=\"rId1\"/>",
        "state=\"hidden\"", "Target=\"../../x.xml\"", "Target=\"/xl/worksheets/sheet1.xml\"", "TargetMode=\"External\"",
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"", "xmlns:x=\"y\"",
        "x:", "%20", "\u{FEFF}", "\u{0}", "\r\n",
    ]

    static let xlsxPaths = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml",
                            "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels", "[Content_Types].xml"]

    @Test func xlsxReaderSurvivesMutatedInput() throws {
        let seed = Self.seed(for: "xlsx")
        print("fuzz xlsx: semilla \(seed), \(Self.seconds) s")
        var mutator = Mutator(seed: seed, tokens: Self.xmlTokens.map { Array($0.utf8) })
        let seeds = try Self.xlsxSeeds()
        let seedParts = try seeds.map(Self.parts)
        let corpus = seeds.map { [UInt8]($0) } + seedParts.flatMap { $0.map { [UInt8]($0.data) } }
        var outcome = Outcome()
        let start = ContinuousClock.now
        let deadline = start + .seconds(Self.seconds)
        while ContinuousClock.now < deadline {
            let pick = mutator.int(0..<seeds.count)
            let input: [UInt8]
            if mutator.int(0..<4) == 0 {
                // The zip itself: headers, sizes, offsets, the compressed streams.
                input = mutator.mutate([UInt8](seeds[pick]), corpus: corpus, maxSize: 256 * 1024, zip: true)
            } else {
                var parts = seedParts[pick]
                for _ in 0..<mutator.int(1..<4) {
                    mutator.mutateStructure(&parts, corpus: corpus, paths: Self.xlsxPaths)
                }
                let stored = mutator.int(0..<4) == 0
                // ZIPFoundation may refuse some of the names made up above: then there is no input.
                guard let zipped = try? makeZipData(parts, compression: stored ? .none : .deflate) else { continue }
                var zip = [UInt8](zipped)
                if mutator.int(0..<8) == 0 { zip = mutator.mutate(zip, corpus: corpus, maxSize: 256 * 1024, zip: true) }
                input = zip
            }
            Self.keep(input, as: "ultima-entrada.xlsx")
            let data = Data(input)
            outcome.inputs += 1
            var names: [String] = []
            outcome.run("sheetNames") { names = try XLSX.sheetNames(data) }
            outcome.run("read") { _ = try XLSX.read(data) }
            if var name = names.randomElement(using: &mutator.rng) {
                if mutator.int(0..<4) == 0 { name = " \(name.uppercased()) " }
                outcome.run("read(sheet:)") { _ = try XLSX.read(data, sheet: name) }
            }
        }
        Self.report("xlsx", outcome, seed: seed, elapsed: ContinuousClock.now - start)
        #expect(outcome.otherErrors.isEmpty, "errores que no son SpreadsheetError: \(outcome.otherErrors)")
        #expect(outcome.slowest < Self.slowestAllowed, "semilla \(seed)")
        #expect(outcome.read > 0, "ninguna entrada se pudo leer: las mutaciones no prueban más que el rechazo")
        #expect(outcome.refused > 0)
    }

    // MARK: - CSV

    static func csvSeeds() -> [[UInt8]] {
        let semicolons = "Cédula;Apellidos y nombres;Cargo;Fecha de ingreso\r\n"
            + "1052;\"Peña Ñuñez; María José\";\"Profesional \"\"A\"\"\";31/01/2025\r\n"
            + "79123456;Luis;\"varias\r\nlíneas\";\r\n;;;\r\n  espacios  ;\"  con espacios  \";x\r\n"
        let commas = "Cédula,Nombre,Valor\n1052,\"Ana, la de Cali\",\"4.500.000,50\"\n79,Luis,-3\n"
        var windows1252: [UInt8] = Array("Ciudad;Nombre;Valor\r\nBogot".utf8) + [0xE1]
        windows1252 += Array(";Pe".utf8) + [0xF1] + Array("a;".utf8) + [0x80, 0x20, 0x35, 0x20, 0x96, 0x93] + Array("ok".utf8)
        windows1252 += [0x94] + Array("\r\n".utf8)
        let windows1252Commas = [UInt8](windows1252.map { $0 == UInt8(ascii: ";") ? UInt8(ascii: ",") : $0 })
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Nombre\tCiudad\r\nAna\tBogotá\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return [
            Array(semicolons.utf8),
            [0xEF, 0xBB, 0xBF] + Array(commas.utf8),
            windows1252,
            windows1252Commas,
            Array("sep=,\r\nNombre;cargo,Ciudad\r\nAna,Bogotá\r\n".utf8),
            utf16,
        ]
    }

    static let csvTokens: [String] = [
        ";", ",", "\t", "\"", "\"\"", "\r\n", "\n", "\r", "sep=;\n", "sep=\"\n", "\u{FEFF}", "\u{1A}", "\u{0}",
        "=1+1", "-", "'", " ", "\u{A0}", "😀", "ñ",
    ]

    @Test func csvReaderSurvivesMutatedInput() throws {
        let seed = Self.seed(for: "csv")
        print("fuzz csv: semilla \(seed), \(Self.seconds) s")
        var tokens = Self.csvTokens.map { Array($0.utf8) }
        tokens += [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x80], [0x81], [0xC3], [0xFF], [0x50, 0x4B, 0x03, 0x04]]
        var mutator = Mutator(seed: seed, tokens: tokens)
        let corpus = Self.csvSeeds()
        let delimiters: [Character?] = [nil, ";", ",", "\t", "|", "\"", "\r\n", "é"]
        var outcome = Outcome()
        let start = ContinuousClock.now
        let deadline = start + .seconds(Self.seconds)
        while ContinuousClock.now < deadline {
            let input = mutator.mutate(corpus[mutator.int(0..<corpus.count)], corpus: corpus, maxSize: 64 * 1024, zip: false)
            Self.keep(input, as: "ultima-entrada.csv")
            outcome.inputs += 1
            outcome.run("read(data)") { _ = try CSV.read(Data(input)) }
            let delimiter = delimiters[mutator.int(0..<delimiters.count)]
            let text = String(decoding: input, as: UTF8.self)
            outcome.run("read(text)") { _ = try CSV.read(text, delimiter: delimiter) }
        }
        Self.report("csv", outcome, seed: seed, elapsed: ContinuousClock.now - start)
        #expect(outcome.otherErrors.isEmpty, "errores que no son SpreadsheetError: \(outcome.otherErrors)")
        #expect(outcome.slowest < Self.slowestAllowed, "semilla \(seed)")
        #expect(outcome.read > 0)
        #expect(outcome.refused > 0)
    }
}

/// Random edits of byte strings, from a seeded generator so a run can be replayed.
struct Mutator {
    var rng: SeededGenerator
    let tokens: [[UInt8]]

    init(seed: UInt64, tokens: [[UInt8]]) {
        rng = SeededGenerator(seed: seed)
        self.tokens = tokens
    }

    mutating func int(_ range: Range<Int>) -> Int {
        Int.random(in: range, using: &rng)
    }

    mutating func byte() -> UInt8 {
        UInt8.random(in: 0...255, using: &rng)
    }

    /// A position in `bytes` (its end included).
    mutating func position(_ bytes: [UInt8]) -> Int {
        int(0..<bytes.count + 1)
    }

    /// A short range in `bytes`, biased towards small lengths.
    mutating func range(_ bytes: [UInt8]) -> Range<Int> {
        let start = int(0..<bytes.count + 1)
        let longest = bytes.count - start
        let length = min(longest, int(0..<4) == 0 ? int(0..<longest + 1) : int(0..<min(longest, 64) + 1))
        return start..<start + length
    }

    mutating func mutate(_ input: [UInt8], corpus: [[UInt8]], maxSize: Int, zip: Bool) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1..<6) {
            mutateOnce(&bytes, corpus: corpus, zip: zip)
            if bytes.count > maxSize { bytes.removeLast(bytes.count - maxSize) }
        }
        return bytes
    }

    mutating func mutateOnce(_ bytes: inout [UInt8], corpus: [[UInt8]], zip: Bool) {
        switch int(0..<(zip ? 12 : 10)) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let index = int(0..<bytes.count)
            bytes[index] ^= 1 << UInt8(int(0..<8))
        case 1 where !bytes.isEmpty:  // overwrite bytes
            for _ in 0..<int(1..<5) { bytes[int(0..<bytes.count)] = byte() }
        case 2:  // insert random bytes
            bytes.insert(contentsOf: (0..<int(1..<17)).map { _ in byte() }, at: position(bytes))
        case 3:  // delete a range
            bytes.removeSubrange(range(bytes))
        case 4:  // duplicate a range, sometimes many times over
            let source = Array(bytes[range(bytes)])
            let times = int(0..<4) == 0 ? int(1..<200) : 1
            let copy = Array([[UInt8]](repeating: source, count: times).joined())
            bytes.insert(contentsOf: copy, at: position(bytes))
        case 5:  // splice with another input
            let other = corpus[int(0..<corpus.count)]
            bytes = Array(bytes.prefix(position(bytes))) + Array(other.suffix(int(0..<other.count + 1)))
        case 6:  // truncate
            bytes.removeLast(int(0..<bytes.count + 1))
        case 7:  // high bytes: lone continuation bytes, Latin-1, invalid UTF-8 leads
            bytes.insert(contentsOf: (0..<int(1..<9)).map { _ in UInt8.random(in: 0x80...0xFF, using: &rng) },
                         at: position(bytes))
        case 8, 9:  // a token of the format
            bytes.insert(contentsOf: tokens[int(0..<tokens.count)], at: position(bytes))
        case 10, 11:
            overwriteZipField(&bytes)
        default:
            bytes.insert(byte(), at: position(bytes))
        }
    }

    /// Puts an extreme value in a field of a zip record: sizes, offsets, counts, name lengths, flags.
    mutating func overwriteZipField(_ bytes: inout [UInt8]) {
        let records: [(signature: [UInt8], fields: [(offset: Int, size: Int)])] = [
            ([0x50, 0x4B, 0x03, 0x04], [(6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)]),
            ([0x50, 0x4B, 0x01, 0x02], [(8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4)]),
            ([0x50, 0x4B, 0x05, 0x06], [(8, 2), (10, 2), (12, 4), (16, 4), (20, 2)]),
            ([0x50, 0x4B, 0x06, 0x06], [(24, 8), (32, 8), (40, 8), (48, 8)]),
            ([0x50, 0x4B, 0x06, 0x07], [(8, 8)]),
        ]
        let record = records[int(0..<records.count)]
        var starts: [Int] = []
        if bytes.count >= 4 {
            for index in 0...(bytes.count - 4) where bytes[index] == 0x50 && bytes[index + 1] == 0x4B
                && bytes[index + 2] == record.signature[2] && bytes[index + 3] == record.signature[3] {
                starts.append(index)
            }
        }
        guard let start = starts.randomElement(using: &rng) else {
            // No such record: forge one, as a hostile file would.
            bytes.insert(contentsOf: record.signature + (0..<int(0..<60)).map { _ in byte() }, at: position(bytes))
            return
        }
        let field = record.fields[int(0..<record.fields.count)]
        let maximum: UInt64 = field.size == 8 ? .max : (1 << UInt64(field.size * 8)) - 1
        let values: [UInt64] = [0, 1, 2, maximum, maximum - 1, maximum / 2, maximum / 2 + 1,
                                UInt64(bytes.count), UInt64(bytes.count + 1), UInt64.random(in: 0...maximum, using: &rng)]
        var value = values[int(0..<values.count)]
        for index in 0..<field.size where start + field.offset + index < bytes.count {
            bytes[start + field.offset + index] = UInt8(value & 0xFF)
            value >>= 8
        }
    }

    /// Edits the parts of a package: their XML (bytes and tokens), which parts there are, their names
    /// and their encodings.
    mutating func mutateStructure(_ parts: inout [(path: String, data: Data)], corpus: [[UInt8]], paths: [String]) {
        guard !parts.isEmpty else {
            parts.append((paths[int(0..<paths.count)], Data(tokens[int(0..<tokens.count)])))
            return
        }
        let index = int(0..<parts.count)
        switch int(0..<18) {
        case 0:  // drop a part
            parts.remove(at: index)
        case 1:  // the same contents under another name
            parts.append((paths[int(0..<paths.count)], parts[index].data))
        case 2:  // a name in other case, with a leading slash or a backslash
            let path = parts[index].path
            let renamed = [path.uppercased(), "/" + path, path.replacingOccurrences(of: "/", with: "\\")]
            parts[index].path = renamed[int(0..<renamed.count)]
        case 3:  // re-encoded as UTF-16, with or without BOM, or declared as another encoding
            let text = String(decoding: parts[index].data, as: UTF8.self)
            switch int(0..<4) {
            case 0:
                parts[index].data = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            case 1:
                parts[index].data = Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            case 2:
                parts[index].data = Data(#"<?xml version="1.0" encoding="windows-1252"?>"#.utf8)
                    + Data(text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") })
            default:
                parts[index].data = Data(#"<?xml version="1.0" encoding="UTF-7"?>"#.utf8) + parts[index].data
            }
        case 4:  // a repeated element: many rows, cells, strings
            var bytes = [UInt8](parts[index].data)
            let elements = ["<row>", "<c ", "<si>", "<sheet ", "<Relationship "]
            let element = Array(elements[int(0..<elements.count)].utf8)
            if let start = firstIndex(of: element, in: bytes) {
                let end = min(bytes.count, start + int(8..<200))
                let copy = Array(bytes[start..<end])
                let times = int(1..<500)
                bytes.insert(contentsOf: Array([[UInt8]](repeating: copy, count: times).joined()), at: end)
                if bytes.count > 256 * 1024 { bytes.removeLast(bytes.count - 256 * 1024) }
                parts[index].data = Data(bytes)
            }
        case 5, 6:  // an attribute's value replaced by an extreme one: cell references, types, targets
            var bytes = [UInt8](parts[index].data)
            var starts: [Int] = []
            if bytes.count > 2 {
                for position in 0..<(bytes.count - 1) where bytes[position] == UInt8(ascii: "=") && bytes[position + 1] == UInt8(ascii: "\"") {
                    starts.append(position + 2)
                }
            }
            guard let start = starts.randomElement(using: &rng),
                  let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return }
            let values = ["", "0", "-1", "1", "A0", "XFD1048576", "XFE1", "A1048577", "$XFD$1048576", "ZZZZ9", "a1",
                          "99999999999999999999", "1e400", "-0", "nan", "s", "inlineStr", "str", "b", "d", "e", "n",
                          "hidden", "veryHidden", "rId1", "rId999", "../../../../etc/passwd", "/", "//x", "%2e%2e/x.xml",
                          "worksheets/sheet1.xml", "xl\\worksheets\\sheet1.xml", "_x0000_", "&amp;", "&#0;", "\u{FFFF}",
                          String(repeating: "A", count: int(1..<2000))]
            bytes.replaceSubrange(start..<end, with: Array(values[int(0..<values.count)].utf8))
            parts[index].data = Data(bytes)
        default:  // bytes and tokens of the XML
            parts[index].data = Data(mutate([UInt8](parts[index].data), corpus: corpus, maxSize: 256 * 1024, zip: false))
        }
    }

    private func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        for index in 0...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
        }
        return nil
    }
}
