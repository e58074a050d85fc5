import Foundation

/// The keys of the audit log, kept outside the database (the server keeps them in a file).
///
/// The text form, one item a line (`#` starts a comment):
///
///     desde 1
///     20260501-3f9a <32 or more bytes in base64>
///     20260901-7c2e <…>
///
/// `desde N` is the boundary: entries before `N` were written before the keys existed and are
/// plain SHA-256; from `N` on every entry must be keyed. Each other line is a key, `<id> <base64>`;
/// the last one signs new entries, the older ones stay to verify older entries and anchors.
public struct LlaveroAuditoria: Sendable, Equatable {
    public struct Clave: Sendable, Equatable {
        public let id: String
        public let bytes: [UInt8]

        public init(id: String, bytes: [UInt8]) {
            self.id = id
            self.bytes = bytes
        }
    }

    /// A key ring that cannot be read, with the reason in Spanish.
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public let mensaje: String
        public var description: String { mensaje }
    }

    /// Fewer bytes than this make a key too easy to guess.
    public static let bytesMinimos = 32

    public let firmadasDesde: Int
    public private(set) var claves: [Clave]

    public init(firmadasDesde: Int, claves: [Clave]) throws(Error) {
        guard firmadasDesde >= 1 else { throw Error(mensaje: "La línea «desde» debe indicar una entrada (1 o mayor).") }
        guard !claves.isEmpty else { throw Error(mensaje: "El archivo de claves de auditoría no tiene ninguna clave.") }
        self.firmadasDesde = firmadasDesde
        self.claves = []
        for c in claves { try agregar(c) }
    }

    /// The key that signs new entries: the last one.
    public var actual: Clave { claves[claves.count - 1] }

    public func clave(_ id: String) -> Clave? { claves.first { $0.id == id } }

    /// Adds a key, which becomes the current one.
    public mutating func agregar(_ c: Clave) throws(Error) {
        guard Self.idValido(c.id) else {
            throw Error(mensaje: "El identificador de clave «\(c.id)» no es válido: use de 1 a 40 letras, cifras, «-», «_» o «.».")
        }
        guard c.bytes.count >= Self.bytesMinimos else {
            throw Error(mensaje: "La clave «\(c.id)» tiene \(c.bytes.count) bytes; se necesitan al menos \(Self.bytesMinimos).")
        }
        guard clave(c.id) == nil else { throw Error(mensaje: "La clave «\(c.id)» está repetida.") }
        claves.append(c)
    }

    static func idValido(_ id: String) -> Bool {
        (1...40).contains(id.count) && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    /// An id for a key made on `fecha`: `aaaammdd-xxxx`, `xxxx` the hex of `sufijo`.
    public static func idNuevo(_ fecha: Fecha, sufijo: UInt16) -> String {
        let hex = String(sufijo, radix: 16)
        return fecha.iso.replacingOccurrences(of: "-", with: "") + "-" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// The line of a key in the text form, with its newline.
    public static func linea(_ c: Clave) -> String {
        "\(c.id) \(Data(c.bytes).base64EncodedString())\n"
    }

    public static let encabezado = """
        # Claves del registro de auditoría de Pacta: guárdelas fuera de la base de datos y de sus copias,
        # con permisos 0600; todas las instancias que usan la misma base de datos necesitan este archivo.
        # «desde N»: las entradas anteriores a la N son de antes de las claves (SHA-256 sin clave).
        # Cada línea «id clave-en-base64» es una clave; la última firma las entradas nuevas.
        # No borre ni cambie ninguna: las anteriores verifican las entradas y anclas que firmaron.

        """

    /// The whole text form.
    public var texto: String {
        Self.encabezado + "desde \(firmadasDesde)\n" + claves.map(Self.linea).joined()
    }

    /// Reads the text form.
    public static func leer(_ texto: String) throws(Error) -> LlaveroAuditoria {
        var desde: Int?
        var claves: [Clave] = []
        for (i, bruta) in texto.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let linea = bruta.trimmingCharacters(in: .whitespaces)
            if linea.isEmpty || linea.hasPrefix("#") { continue }
            let partes = linea.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard partes.count == 2 else {
                throw Error(mensaje: "La línea \(i + 1) del archivo de claves de auditoría no se entiende: se espera «desde N» o «id clave-en-base64».")
            }
            if partes[0] == "desde" {
                guard desde == nil else { throw Error(mensaje: "El archivo de claves de auditoría tiene más de una línea «desde».") }
                guard let n = Int(partes[1]), n >= 1 else {
                    throw Error(mensaje: "La línea \(i + 1) del archivo de claves de auditoría debe indicar una entrada: «desde N», con N de 1 en adelante.")
                }
                desde = n
            } else {
                guard let bytes = Data(base64Encoded: partes[1]) else {
                    throw Error(mensaje: "La clave «\(partes[0])» (línea \(i + 1)) no está en base64.")
                }
                claves.append(Clave(id: partes[0], bytes: Array(bytes)))
            }
        }
        guard let desde else {
            throw Error(mensaje: "El archivo de claves de auditoría no indica desde qué entrada se firma (falta la línea «desde N»).")
        }
        return try LlaveroAuditoria(firmadasDesde: desde, claves: claves)
    }
}
