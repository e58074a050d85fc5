import Crypto
import Foundation
import PactaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key ring, from its file (re-read when the file changes, so a rotation by another process is
/// seen at the next write) or, without a file, in memory.
final class AuditKeyRing: @unchecked Sendable {   // mutable state behind `lock`
    /// nil: in memory.
    let archivo: String?
    private let lock = NSLock()
    private var cache: (llavero: LlaveroAuditoria, sello: [FileAttributeKey: AnyHashable])?
    private var memoria: LlaveroAuditoria?

    init(archivo: String?) { self.archivo = archivo }

    /// Where the keys are, for messages.
    var lugar: String { archivo ?? "memoria (solo mientras corre el proceso)" }

    /// The ring, created on first need: one new key, and the boundary after the current head
    /// (`cabeza()`, the last `secuencia`), as the entries up to it were written without keys.
    func llavero(cabeza: () async throws -> Int) async throws -> LlaveroAuditoria {
        if let l = try cargado() { return l }
        let nuevo = try LlaveroAuditoria(firmadasDesde: try await cabeza() + 1, claves: [Self.claveNueva(ids: [])])
        return try guardarPrimero(nuevo)
    }

    /// Appends a new key, which signs the entries from now on; returns it.
    func rotar(cabeza: () async throws -> Int) async throws -> LlaveroAuditoria.Clave {
        var l = try await llavero(cabeza: cabeza)
        let clave = Self.claveNueva(ids: Set(l.claves.map(\.id)))
        try l.agregar(clave)
        if let archivo {
            try Self.anexar(LlaveroAuditoria.linea(clave), a: archivo, permisos: 0o600)
        } else {
            try lock.withLock { try memoria?.agregar(clave) }
        }
        return clave
    }

    static func claveNueva(ids: Set<String>) -> LlaveroAuditoria.Clave {
        var id: String
        repeat {
            id = LlaveroAuditoria.idNuevo(Fecha.desde(Date(), zona: Fecha.zonaColombia), sufijo: .random(in: 0 ... .max))
        } while ids.contains(id)
        return .init(id: id, bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The ring as it is now, or nil when it does not exist yet.
    private func cargado() throws -> LlaveroAuditoria? {
        guard let archivo else { return lock.withLock { memoria } }
        let atributos: [FileAttributeKey: Any]
        do {
            atributos = try FileManager.default.attributesOfItem(atPath: archivo)
        } catch {
            if !FileManager.default.fileExists(atPath: archivo) { return nil }
            throw AuditFileError(description: "No se pudo leer el archivo de claves de auditoría \(archivo): \(error.localizedDescription)")
        }
        var sello: [FileAttributeKey: AnyHashable] = [:]
        for k in [FileAttributeKey.modificationDate, .size, .systemFileNumber] { sello[k] = atributos[k] as? AnyHashable }
        if let c = lock.withLock({ cache }), c.sello == sello { return c.llavero }
        guard let data = FileManager.default.contents(atPath: archivo), let texto = String(data: data, encoding: .utf8) else {
            throw AuditFileError(description: "No se pudo leer el archivo de claves de auditoría \(archivo).")
        }
        do {
            let l = try LlaveroAuditoria.leer(texto)
            lock.withLock { cache = (l, sello) }
            return l
        } catch {
            throw AuditFileError(description: "\(archivo): \(error.mensaje)")
        }
    }

    /// Keeps `nuevo` unless another writer made the ring first; returns the one that stands.
    private func guardarPrimero(_ nuevo: LlaveroAuditoria) throws -> LlaveroAuditoria {
        guard let archivo else {
            return lock.withLock {
                if memoria == nil { memoria = nuevo }
                return memoria!
            }
        }
        // Written aside and linked into place: the file appears whole or not at all, and only once.
        let carpeta = URL(fileURLWithPath: archivo).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: carpeta, withIntermediateDirectories: true)
        let temporal = archivo + ".\(UUID().uuidString).tmp"
        try Self.escribir(nuevo.texto, en: temporal, permisos: 0o600)
        defer { unlink(temporal) }
        if link(temporal, archivo) != 0 {
            let e = errno
            guard e == EEXIST else {
                throw AuditFileError(description: "No se pudo crear el archivo de claves de auditoría \(archivo): \(String(cString: strerror(e))).")
            }
        }
        guard let l = try cargado() else { throw AuditFileError(description: "El archivo de claves de auditoría \(archivo) desapareció.") }
        return l
    }

    static func escribir(_ texto: String, en ruta: String, permisos: mode_t) throws {
        let fd = open(ruta, O_WRONLY | O_CREAT | O_EXCL, permisos)
        guard fd >= 0 else { throw AuditFileError(description: "No se pudo crear \(ruta): \(String(cString: strerror(errno))).") }
        defer { close(fd) }
        try escribirTodo(Array(texto.utf8), fd, ruta)
        fsync(fd)
    }

    /// Appends `texto` (whole lines) to a file, creating it with `permisos` if needed.
    static func anexar(_ texto: String, a ruta: String, permisos: mode_t) throws {
        let carpeta = URL(fileURLWithPath: ruta).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: carpeta, withIntermediateDirectories: true)
        let fd = open(ruta, O_RDWR | O_CREAT | O_APPEND, permisos)
        guard fd >= 0 else { throw AuditFileError(description: "No se pudo abrir \(ruta): \(String(cString: strerror(errno))).") }
        defer { close(fd) }
        var bytes = Array(texto.utf8)
        // A file edited by hand may lack its last newline: do not glue the new line to it.
        var estado = stat()
        var ultimo: UInt8 = 0
        if fstat(fd, &estado) == 0, estado.st_size > 0, pread(fd, &ultimo, 1, estado.st_size - 1) == 1, ultimo != UInt8(ascii: "\n") {
            bytes.insert(UInt8(ascii: "\n"), at: 0)
        }
        try escribirTodo(bytes, fd, ruta)   // one write: O_APPEND keeps concurrent lines whole
        fsync(fd)
    }

    private static func escribirTodo(_ bytes: [UInt8], _ fd: Int32, _ ruta: String) throws {
        var hecho = 0
        while hecho < bytes.count {
            let n = bytes[hecho...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AuditFileError(description: "No se pudo escribir en \(ruta): \(String(cString: strerror(errno))).")
            }
            hecho += n
        }
    }
}
