import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// MARK: - Writing

enum XMLText {
    /// Escapes text for element content or attribute values, dropping characters XML 1.0 cannot carry
    /// (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF). Carriage returns are written as
    /// `&#13;` so parsers don't normalize them away.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\t", "\n": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Office Open XML reads `_xHHHH_` in strings as the character U+HHHH; a text that contains such a
    /// sequence literally has its underscore escaped as `_x005F_` so it survives.
    static func escapeOOXMLSequences(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        // One pass over the bytes: searching the rest of the text again at every "_x" is quadratic.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for index in bytes.indices {
            if isOOXMLEscape(bytes, at: index) {
                out.append(contentsOf: "_x005F_".utf8)
            } else {
                out.append(bytes[index])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces `_xHHHH_` sequences with their characters, as Excel does when reading strings.
    static func unescapeOOXMLSequences(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if isOOXMLEscape(bytes, at: index),
               let value = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: String(scalar).utf8)
                index += 7
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `bytes` has `_x` + 4 hex digits + `_` at `index`.
    private static func isOOXMLEscape(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_") else { return false }
        return bytes[index + 2..<index + 6].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}

// MARK: - Reading

/// What an XML reader sees: elements by local name (namespace prefix dropped) and their attributes
/// by local name too, plus text.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws
    func end(_ name: String) throws
    func text(_ text: String) throws
}

/// Runs XMLParser over one part of the package, reporting events to `handler`.
///
/// FoundationXML asks libxml2 to substitute entities (`XML_PARSE_NOENT`), so entity expansion bombs
/// ("billion laughs") must never reach it: document type declarations, the only place entities can be
/// declared and never present in Office files, are refused in ``utf8XML(_:part:)``. Nesting deeper
/// than ``ReadLimits/maxXMLDepth`` is refused too.
func parseXML(_ data: Data, part: String, handler: some XMLEventHandler) throws {
    let delegate = ParserDelegate(handler: handler, part: part)
    // From a stream, which XMLParser feeds to libxml2 in chunks: given one Data, FoundationXML on Linux
    // fails at the end of documents over about 10 MB (libxml2's lookup limit), i.e. any big sheet.
    let parser = XMLParser(stream: InputStream(data: try utf8XML(data, part: part)))
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    parser.externalEntityResolvingPolicy = .never
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.error { throw error }
    if !ok {
        throw SpreadsheetError.damagedXLSX("\(part) no es XML válido")
    }
}

/// The document as UTF-8 that XMLParser can take safely.
///
/// - FoundationXML crashes on element names that are not valid UTF-8, so the bytes are validated (or
///   transcoded from UTF-16 or Latin-1 when the document says so).
/// - libxml2 would switch to whatever encoding an XML declaration names (UTF-7, EBCDIC…), where the
///   checks below could not see the markup; so every XML declaration is dropped, and NUL bytes (which
///   would let libxml2 guess UTF-16 or UCS-4 from the first bytes) are refused: what is checked here is
///   exactly what libxml2 reads.
/// - Document type declarations, entity declarations and processing instructions are refused.
func utf8XML(_ data: Data, part: String) throws -> Data {
    var bytes = [UInt8](data)
    var body: Data
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
        if bytes.starts(with: [0xFF, 0xFE]) { bytes.removeFirst(2) }
        body = Data(TextDecoding.decodeUTF16(bytes[...], bigEndian: false).utf8)
    } else if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
        if bytes.starts(with: [0xFE, 0xFF]) { bytes.removeFirst(2) }
        body = Data(TextDecoding.decodeUTF16(bytes[...], bigEndian: true).utf8)
    } else {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if TextDecoding.decodeUTF8(bytes) != nil {
            body = Data(bytes)
        } else if let declared = declaredEncoding(bytes),
                  ["iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii"].contains(declared) {
            body = Data(TextDecoding.decodeWindows1252(bytes).utf8)
        } else {
            throw SpreadsheetError.damagedXLSX("\(part) tiene caracteres inválidos")
        }
    }
    bytes = []

    // Every leading XML declaration (a second one would otherwise become the first).
    var start = body.startIndex
    while true {
        while start < body.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(body[start]) { start += 1 }
        guard body.count - (start - body.startIndex) > 5, body[start..<start + 5].elementsEqual("<?xml".utf8),
              [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "?")].contains(body[start + 5]) else { break }
        guard let close = body.range(of: Data("?>".utf8), in: start..<body.endIndex) else {
            throw SpreadsheetError.damagedXLSX("\(part) no es XML válido")
        }
        start = close.upperBound
    }
    if start > body.startIndex { body = body.subdata(in: start..<body.endIndex) }

    let hasNUL = body.withUnsafeBytes { raw in
        raw.count > 0 && memchr(raw.baseAddress!, 0, raw.count) != nil
    }
    if hasNUL {
        throw SpreadsheetError.damagedXLSX("\(part) tiene caracteres inválidos")
    }
    for marker in ["<!DOCTYPE", "<!ENTITY"] where body.range(of: Data(marker.utf8)) != nil {
        throw SpreadsheetError.damagedXLSX("\(part) contiene declaraciones no permitidas")
    }
    // Processing instructions: FoundationXML on Linux passes the data of one that has none (`<?x?>`) to
    // strlen as a null pointer and the process dies (found by the fuzz test). Office parts have none
    // once the XML declaration is gone.
    if body.range(of: Data("<?".utf8)) != nil {
        throw SpreadsheetError.damagedXLSX("\(part) contiene instrucciones de procesamiento, que un libro de Excel no usa")
    }
    try checkMarkupCounts(body, part: part)
    return body
}

/// Counts elements and the attributes of each element in one pass over the bytes, before libxml2
/// sees them, and refuses past ``ReadLimits/maxXMLElements`` and ``ReadLimits/maxXMLAttributes``.
///
/// Parsing costs about half a microsecond per element however empty, so a 50 MB part of `<c/>`
/// (compressed, 50 KB) would take seconds; and libxml2 2.9 checks an element's attributes for
/// duplicates pairwise, so one element with a million attributes would take hours. The scan follows
/// libxml2's reading closely enough not to be fooled: a quote opens a value only right after `=`,
/// and a `<`, which no attribute value may contain, ends one.
func checkMarkupCounts(_ body: Data, part: String) throws {
    enum State { case text, tag, afterEquals, value(UInt8), comment, cdata, instruction }
    let (lt, gt, eq, slash, bang, question) = (UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="),
                                               UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: "?"))
    let outcome: SpreadsheetError? = body.withUnsafeBytes { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        var state = State.text
        var elements = 0
        var attributes = 0
        var index = 0
        func startsWith(_ marker: StaticString, at position: Int) -> Bool {
            let count = marker.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != marker.utf8Start[offset] { return false }
            return true
        }
        func openTag(at position: Int) -> (State, Int) {
            if startsWith("<!--", at: position) { return (.comment, position + 4) }
            if startsWith("<![CDATA[", at: position) { return (.cdata, position + 9) }
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            if next == question { return (.instruction, position + 2) }
            if next != slash && next != bang { elements += 1 }
            attributes = 0
            return (.tag, position + 1)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .text:
                if byte == lt {
                    (state, index) = openTag(at: index)
                    if elements > ReadLimits.maxXMLElements { return SpreadsheetError.tooManyXMLElements(part) }
                    continue
                }
            case .tag, .afterEquals:
                if byte == gt {
                    state = .text
                } else if byte == lt {
                    (state, index) = openTag(at: index)
                    if elements > ReadLimits.maxXMLElements { return SpreadsheetError.tooManyXMLElements(part) }
                    continue
                } else if byte == eq {
                    attributes += 1
                    if attributes > ReadLimits.maxXMLAttributes {
                        return SpreadsheetError.damagedXLSX(
                            "\(part) tiene un elemento con más de \(ReadLimits.maxXMLAttributes) atributos")
                    }
                    state = .afterEquals
                } else if case .afterEquals = state, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .value(byte)
                } else if case .afterEquals = state, ![0x20, 0x09, 0x0A, 0x0D].contains(byte) {
                    state = .tag
                }
            case .value(let quote):
                if byte == quote {
                    state = .tag
                } else if byte == lt {
                    (state, index) = openTag(at: index)
                    if elements > ReadLimits.maxXMLElements { return SpreadsheetError.tooManyXMLElements(part) }
                    continue
                }
            case .comment:
                if byte == UInt8(ascii: "-") && startsWith("-->", at: index) { state = .text; index += 3; continue }
            case .cdata:
                if byte == UInt8(ascii: "]") && startsWith("]]>", at: index) { state = .text; index += 3; continue }
            case .instruction:
                if byte == question && startsWith("?>", at: index) { state = .text; index += 2; continue }
            }
            index += 1
        }
        return nil
    }
    if let outcome { throw outcome }
}

/// The lowercased `encoding` of the XML declaration, if any.
private func declaredEncoding(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(200), as: Unicode.ASCII.self)
    guard head.hasPrefix("<?xml"), let close = head.range(of: "?>") else { return nil }
    let declaration = head[..<close.lowerBound]
    guard let key = declaration.range(of: "encoding") else { return nil }
    let rest = declaration[key.upperBound...].drop(while: { $0 == " " || $0 == "=" })
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix(while: { $0 != quote })).lowercased()
}

private final class ParserDelegate<Handler: XMLEventHandler>: NSObject, XMLParserDelegate {
    let handler: Handler
    let part: String
    var error: Error?
    private var depth = 0

    init(handler: Handler, part: String) {
        self.handler = handler
        self.part = part
    }

    private static func localName(_ name: String) -> String {
        // On the UTF-8 view: searching Characters costs a grapheme break check per letter, per element.
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard error == nil else { return }
        depth += 1
        if depth > ReadLimits.maxXMLDepth {
            error = SpreadsheetError.damagedXLSX(
                "\(part) tiene elementos anidados a más de \(ReadLimits.maxXMLDepth) niveles")
            parser.abortParsing()
            return
        }
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict {
            if key.hasPrefix("xmlns") { continue }
            attributes[Self.localName(key)] = value
        }
        do {
            try handler.start(Self.localName(elementName), attributes)
        } catch {
            self.error = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard error == nil else { return }
        depth -= 1
        do {
            try handler.end(Self.localName(elementName))
        } catch {
            self.error = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        report(string, parser)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        report(String(decoding: CDATABlock, as: UTF8.self), parser)
    }

    private func report(_ text: String, _ parser: XMLParser) {
        guard error == nil else { return }
        do {
            try handler.text(text)
        } catch {
            self.error = error
            parser.abortParsing()
        }
    }
}
