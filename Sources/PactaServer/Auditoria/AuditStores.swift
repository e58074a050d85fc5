import Fluent
import Foundation
import PactaCore
import Vapor

/// What keeps the audit log honest from outside the database: the key ring that signs the entries
/// and the anchors file that records the head. Someone who can write the database can rewrite the
/// chain to the end, but cannot sign it without the key, nor reach the anchors.
///
/// The files, in the data directory unless given (`PactaSettings.auditKeyFile`/`auditAnchorFile`):
/// - `auditoria.claves` (`PACTA_AUDIT_KEY_FILE`), `LlaveroAuditoria`'s text form, created on first need with one
///   random key, mode 0600. `pacta audit rotate-key` appends a key. Every instance on one PostgreSQL needs the same file.
/// - `auditoria.anclas` (`PACTA_AUDIT_ANCHOR_FILE`), one `AnclaAuditoria` a line, appended by `pacta audit anchor`.
///
/// With the data directory ":memory:" (tests) and no file set, both live in memory for the app's life.
///
/// Fluent gives `AuditLog.registrar` only the `Database`, so this rides on the app's database
/// configurations as a model middleware (which lets every model through untouched).
struct AuditStores: AnyModelMiddleware {
    let claves: AuditKeyRing
    let anclas: AuditAnchors

    init(directorio: String, archivoDeClaves: String?, archivoDeAnclas: String?) {
        let memoria = directorio == ":memory:"
        func archivo(_ nombre: String) -> String { URL(fileURLWithPath: directorio).appendingPathComponent(nombre).path }
        claves = AuditKeyRing(archivo: archivoDeClaves ?? (memoria ? nil : archivo("auditoria.claves")))
        anclas = AuditAnchors(archivo: archivoDeAnclas ?? (memoria ? nil : archivo("auditoria.anclas")))
    }

    /// Every model goes through untouched: this middleware only carries the stores.
    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        next.handle(event, model, on: db)
    }

    struct Key: StorageKey { typealias Value = AuditStores }

    /// Gives the app's databases the stores of its settings (call once, in configure).
    static func instalar(en app: Application, directorio: String, archivoDeClaves: String?, archivoDeAnclas: String?) {
        let stores = AuditStores(directorio: directorio, archivoDeClaves: archivoDeClaves, archivoDeAnclas: archivoDeAnclas)
        app.storage[Key.self] = stores
        for id in app.databases.ids() { app.databases.middleware.use(stores, on: id) }
    }
}

struct AuditStoresMissing: Error, CustomStringConvertible {
    var description: String { "Las claves del registro de auditoría no están instaladas (AuditStores.instalar en configure)." }
}

extension Database {
    var auditStores: AuditStores {
        get throws {
            guard let s = context.configuration.middleware.lazy.compactMap({ $0 as? AuditStores }).first else { throw AuditStoresMissing() }
            return s
        }
    }
}

extension Application {
    var auditStores: AuditStores {
        get throws {
            guard let s = storage[AuditStores.Key.self] else { throw AuditStoresMissing() }
            return s
        }
    }
}

/// A failure reading or writing the audit's files, in Spanish.
struct AuditFileError: Error, CustomStringConvertible {
    let description: String
}

/// The anchors, in their file (append-only) or, without a file, in memory.
final class AuditAnchors: @unchecked Sendable {   // mutable state behind `lock`
    /// nil: in memory.
    let archivo: String?
    private let lock = NSLock()
    private var memoria: [String] = []

    init(archivo: String?) { self.archivo = archivo }

    var lugar: String { archivo ?? "memoria (solo mientras corre el proceso)" }

    /// The file's text; empty when there are no anchors yet.
    func texto() throws -> String {
        guard let archivo else { return lock.withLock { memoria.map { $0 + "\n" }.joined() } }
        guard FileManager.default.fileExists(atPath: archivo) else { return "" }
        guard let data = FileManager.default.contents(atPath: archivo), let texto = String(data: data, encoding: .utf8) else {
            throw AuditFileError(description: "No se pudo leer el archivo de anclas de auditoría \(archivo).")
        }
        return texto
    }

    func agregar(_ linea: String) throws {
        if let archivo {
            try AuditKeyRing.anexar(linea + "\n", a: archivo, permisos: 0o644)
        } else {
            lock.withLock { memoria.append(linea) }
        }
    }
}
