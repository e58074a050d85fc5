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
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            if isOOXMLEscape(rest[range.lowerBound...]) {
                out += "_x005F_"
                rest = rest[rest.index(after: range.lowerBound)...]
            } else {
                out += "_x"
                rest = rest[range.upperBound...]
            }
        }
        out += rest
        return out
    }

    /// Replaces `_xHHHH_` sequences with their characters, as Excel does when reading strings.
    static func unescapeOOXMLSequences(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let candidate = rest[range.lowerBound...]
            if isOOXMLEscape(candidate),
               let value = UInt32(candidate.dropFirst(2).prefix(4), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = candidate.dropFirst(7)
            } else {
                out += "_x"
                rest = rest[range.upperBound...]
            }
        }
        out += rest
        return out
    }

    /// Whether `text` starts with `_x` + 4 hex digits + `_`.
    private static func isOOXMLEscape(_ text: Substring) -> Bool {
        let utf8 = Array(text.utf8.prefix(7))
        guard utf8.count == 7, utf8[0] == UInt8(ascii: "_"), utf8[1] == UInt8(ascii: "x"),
              utf8[6] == UInt8(ascii: "_") else { return false }
        return utf8[2...5].allSatisfy { byte in
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
    func text(_ text: String)
}

/// Runs XMLParser over one part of the package, reporting events to `handler`. Document type
/// declarations (never present in Office files) are refused, which rules out entity expansion bombs.
func parseXML(_ data: Data, part: String, handler: some XMLEventHandler) throws {
    for marker in ["<!DOCTYPE", "<!ENTITY"] {
        let encodings: [Data] = [
            Data(marker.utf8),
            Data(marker.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            Data(marker.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        for encoded in encodings where data.range(of: encoded) != nil {
            throw SpreadsheetError.damagedXLSX("\(part) contiene declaraciones no permitidas")
        }
    }
    let delegate = ParserDelegate(handler: handler)
    // From a stream, which XMLParser feeds to libxml2 in chunks: given one Data, FoundationXML on Linux
    // fails at the end of documents over about 10 MB (libxml2's lookup limit), i.e. any big sheet.
    let parser = XMLParser(stream: InputStream(data: try utf8XML(data, part: part)))
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.error { throw error }
    if !ok {
        throw SpreadsheetError.damagedXLSX("\(part) no es XML válido")
    }
}

/// The document as UTF-8 that XMLParser can take safely: FoundationXML crashes on element names that
/// are not valid UTF-8, so the bytes are validated (or transcoded from UTF-16 or Latin-1 when the
/// document says so) here, and a declaration naming another encoding is dropped after transcoding.
func utf8XML(_ data: Data, part: String) throws -> Data {
    var bytes = [UInt8](data)
    let text: String
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
        if bytes.starts(with: [0xFF, 0xFE]) { bytes.removeFirst(2) }
        text = TextDecoding.decodeUTF16(bytes[...], bigEndian: false)
    } else if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
        if bytes.starts(with: [0xFE, 0xFF]) { bytes.removeFirst(2) }
        text = TextDecoding.decodeUTF16(bytes[...], bigEndian: true)
    } else {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let declared = declaredEncoding(bytes)
        if let utf8 = TextDecoding.decodeUTF8(bytes) {
            if declared == nil || declared == "utf-8" || declared == "utf8" { return Data(bytes) }
            text = utf8
        } else if let declared, ["iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii"].contains(declared) {
            text = TextDecoding.decodeWindows1252(bytes)
        } else {
            throw SpreadsheetError.damagedXLSX("\(part) tiene caracteres inválidos")
        }
    }
    var body = Substring(text)
    if let start = body.firstIndex(where: { !$0.isWhitespace }), body[start...].hasPrefix("<?xml"),
       let end = body.range(of: "?>") {
        body = body[end.upperBound...]
    }
    return Data(body.utf8)
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
    var error: Error?

    init(handler: Handler) {
        self.handler = handler
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard error == nil else { return }
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
        do {
            try handler.end(Self.localName(elementName))
        } catch {
            self.error = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard error == nil else { return }
        handler.text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard error == nil else { return }
        handler.text(String(decoding: CDATABlock, as: UTF8.self))
    }
}
