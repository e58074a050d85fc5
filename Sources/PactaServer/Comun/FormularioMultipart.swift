import Foundation
import Vapor

/// Reads `multipart/form-data` bodies without handing untrusted bytes to a parser that can trap.
///
/// MultipartKit's parser ends the whole process on a byte of 0x80 or more where a header name is
/// expected (it indexes a 128-entry table with it) and on an empty boundary (a precondition), so one
/// request could stop Pacta. This parser checks every byte, bounds the number and size of parts and
/// headers, and refuses what RFC 7578 does not allow; MultipartKit's decoder then only sees a canonical
/// serialization of the parts found here, whose header names are known to be plain tokens.
enum FormularioMultipart {
    static let maximoPartes = 200
    static let maximoEncabezados = 16
    static let maximoBytesEncabezado = 8 * 1024

    struct Parte {
        var encabezados: [(String, String)]
        var cuerpo: ArraySlice<UInt8>
    }

    static func error(_ detalle: String) -> PactaError {
        .solicitudInvalida("El formulario con archivos (multipart) está mal formado: \(detalle)")
    }

    /// RFC 2046: 1 to 70 characters of DIGIT / ALPHA / ' ( ) + _ , - . / : = ? and space, not ending in space.
    static func limiteValido(_ limite: String) -> Bool {
        let permitidos = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let b = Array(limite.utf8)
        return (1...70).contains(b.count) && b.allSatisfy(permitidos.contains) && b.last != 0x20
    }

    /// A header name is a token: visible ASCII except the separators of RFC 7230.
    static func esToken(_ c: UInt8) -> Bool {
        guard c > 0x20, c < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".utf8.contains(c)
    }

    /// The parts of a body, or a Spanish 400 that says what is wrong.
    static func partes(_ bytes: [UInt8], limite: String) throws -> [Parte] {
        guard limiteValido(limite) else { throw error("el límite (boundary) del encabezado Content-Type no es válido.") }
        let guiones = Array("--".utf8) + Array(limite.utf8)
        let delimitador = [UInt8(13), 10] + guiones
        let n = bytes.count

        func coincide(_ patron: [UInt8], en i: Int) -> Bool {
            guard i >= 0, i + patron.count <= n else { return false }
            for k in 0..<patron.count where bytes[i + k] != patron[k] { return false }
            return true
        }
        /// The next "\r\n--limite" at or after `desde`.
        func siguienteDelimitador(_ desde: Int) -> Int? {
            var i = desde
            while i + delimitador.count <= n {
                if bytes[i] == 13 && coincide(delimitador, en: i) { return i }
                i += 1
            }
            return nil
        }
        /// After "--limite": "--" closes the body; otherwise optional spaces and CRLF open a part.
        /// Returns the index after the line, and whether it closed.
        func trasDelimitador(_ i: Int) throws -> (Int, Bool) {
            if coincide([45, 45], en: i) { return (i + 2, true) }
            var j = i
            while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard coincide([13, 10], en: j) else {
                throw error(j >= n ? "el cuerpo termina sin cerrar el último campo." : "falta el salto de línea después del límite.")
            }
            return (j + 2, false)
        }

        // The first delimiter may open the body or follow a preamble.
        var cursor: Int
        if coincide(guiones, en: 0) {
            cursor = guiones.count
        } else if let d = siguienteDelimitador(0) {
            cursor = d + delimitador.count
        } else {
            throw error("no contiene el límite (boundary) anunciado.")
        }
        var (pos, cerrado) = try trasDelimitador(cursor)
        var partes: [Parte] = []
        while !cerrado {
            guard partes.count < maximoPartes else { throw error("tiene más de \(maximoPartes) campos.") }
            // Headers, up to an empty line.
            var encabezados: [(String, String)] = []
            var bytesEncabezados = 0
            while true {
                guard let fin = indiceCRLF(bytes, desde: pos, maximo: maximoBytesEncabezado - bytesEncabezados) else {
                    throw error(pos >= n ? "el cuerpo termina dentro de los encabezados de un campo." : "los encabezados de un campo son demasiado largos o no terminan.")
                }
                let linea = bytes[pos..<fin]
                bytesEncabezados += linea.count + 2
                pos = fin + 2
                if linea.isEmpty { break }
                guard encabezados.count < maximoEncabezados else { throw error("un campo tiene demasiados encabezados.") }
                guard let dosPuntos = linea.firstIndex(of: 58), dosPuntos > linea.startIndex,
                      linea[linea.startIndex..<dosPuntos].allSatisfy(esToken) else {
                    throw error("un encabezado de campo no tiene la forma «Nombre: valor».")
                }
                let valorBytes = linea[(dosPuntos + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
                guard !valorBytes.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }),
                      let valor = String(validating: valorBytes, as: UTF8.self) else {
                    throw error("un encabezado de campo tiene caracteres no válidos.")
                }
                let nombre = String(decoding: linea[linea.startIndex..<dosPuntos], as: UTF8.self)
                encabezados.append((nombre, valor.trimmingCharacters(in: .whitespaces)))
            }
            // The body runs to the next delimiter.
            guard let d = siguienteDelimitador(pos) else {
                throw error("el cuerpo termina sin cerrar el último campo.")
            }
            partes.append(Parte(encabezados: encabezados, cuerpo: bytes[pos..<d]))
            (pos, cerrado) = try trasDelimitador(d + delimitador.count)
        }
        guard !partes.isEmpty else { throw error("no tiene ningún campo.") }
        return partes
    }

    /// The end of the line that starts at `desde` (the index of its CR), within `maximo` bytes.
    static func indiceCRLF(_ bytes: [UInt8], desde: Int, maximo: Int) -> Int? {
        var i = desde
        let tope = min(bytes.count - 1, desde + max(0, maximo))
        while i < tope {
            if bytes[i] == 13 { return bytes[i + 1] == 10 ? i : nil }
            if bytes[i] == 10 { return nil }
            i += 1
        }
        return nil
    }

    /// The same parts written the one way MultipartKit's parser is known to read safely.
    static func canonico(_ partes: [Parte], limite: String) throws -> ByteBuffer {
        let multipart = partes.map { p in
            MultipartPart(headers: HTTPHeaders(p.encabezados), body: ByteBuffer(bytes: p.cuerpo))
        }
        var buffer = ByteBuffer()
        try MultipartSerializer().serialize(parts: multipart, boundary: limite, into: &buffer)
        return buffer
    }
}

/// Vapor's content decoder for `multipart/form-data`, registered in `configure` in place of MultipartKit's.
struct FormularioMultipartDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        guard let limite = headers.contentType?.parameters["boundary"] else {
            throw FormularioMultipart.error("falta el límite (boundary) en el encabezado Content-Type.")
        }
        let partes = try FormularioMultipart.partes(Array(body.readableBytesView), limite: limite)
        let canonico = try FormularioMultipart.canonico(partes, limite: limite)
        var decoder = FormDataDecoder()
        decoder.userInfo = userInfo
        do {
            return try decoder.decode(D.self, from: canonico, boundary: limite)
        } catch let e as DecodingError {
            throw e
        } catch {
            throw FormularioMultipart.error("no se pudo leer su contenido.")
        }
    }
}
