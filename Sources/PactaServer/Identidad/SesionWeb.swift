import Fluent
import Foundation
import Vapor

/// A browser session, in the database so every server instance shares it. Only the SHA-256 of the
/// cookie value is stored; a session ends after `SesionesEnBaseDeDatos.inactividad` without use.
final class SesionWeb: Model, @unchecked Sendable {
    static let schema = "sesiones"

    @ID(key: .id) var id: UUID?
    @Field(key: "clave_hash") var claveHash: String
    @Field(key: "datos") var datos: String
    @Field(key: "expira") var expira: Date

    init() {}

    init(claveHash: String, datos: String, expira: Date) {
        self.claveHash = claveHash
        self.datos = datos
        self.expira = expira
    }
}

struct SesionesEnBaseDeDatos: AsyncSessionDriver {
    static let inactividad: TimeInterval = 8 * 60 * 60

    static func codificar(_ data: SessionData) -> String {
        // Sorted, so the same data always reads the same and an unchanged session is not written again.
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return (try? e.encode(data)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let clave = Tokens.nuevo()
        let ahora = Date()
        let datos = Self.codificar(data)
        // Expired sessions go away as new ones arrive, so the table does not grow without end. Like every
        // write, it takes its turn on SQLite (see `Database.escribir`).
        try await request.db.escribir { db in
            try await SesionWeb.query(on: db).filter(\.$expira < ahora).delete()
            try await SesionWeb(claveHash: Tokens.sha256(clave), datos: datos, expira: ahora.addingTimeInterval(Self.inactividad))
                .create(on: db)
        }
        return SessionID(string: clave)
    }

    /// How long a session may go without its expiry being pushed back: a page view writes the row only
    /// when its data changed or the expiry is older than this, so reading pages stays a read.
    static let renovacion: TimeInterval = 5 * 60

    /// The row read at the start of the request, so the end of it knows whether anything changed.
    private struct Leida: StorageKey { typealias Value = SesionWeb }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let s = try await SesionWeb.query(on: request.db).filter(\.$claveHash == Tokens.sha256(sessionID.string))
            .filter(\.$expira > Date()).first() else { return nil }
        request.storage[Leida.self] = s
        return try? JSONDecoder().decode(SessionData.self, from: Data(s.datos.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let hash = Tokens.sha256(sessionID.string)
        let ahora = Date()
        let datos = Self.codificar(data)
        let leida = request.storage[Leida.self].flatMap { $0.claveHash == hash && $0.expira > ahora ? $0 : nil }
        if let leida, Self.basta(leida, datos: datos, ahora: ahora) { return sessionID }
        let fila: SesionWeb? = if let leida { leida } else {
            try await SesionWeb.query(on: request.db).filter(\.$claveHash == hash).filter(\.$expira > ahora).first()
        }
        guard let s = fila else {
            // Expired meanwhile: start a new one rather than reviving it.
            return try await createSession(data, for: request)
        }
        s.datos = datos
        s.expira = ahora.addingTimeInterval(Self.inactividad)
        try await request.db.escribir { db in try await s.save(on: db) }
        return sessionID
    }

    /// Whether the stored row can stay as it is: same data, expiry renewed less than `renovacion` ago.
    static func basta(_ s: SesionWeb, datos: String, ahora: Date) -> Bool {
        s.datos == datos && s.expira.timeIntervalSince(ahora) > inactividad - renovacion
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        let hash = Tokens.sha256(sessionID.string)
        try await request.db.escribir { db in try await SesionWeb.query(on: db).filter(\.$claveHash == hash).delete() }
    }
}
