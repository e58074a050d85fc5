import Fluent
import SQLKit

/// A waiting line for one holder at a time.
actor CerrojoAsincrono {
    private var ocupado = false
    private var espera: [CheckedContinuation<Void, Never>] = []

    func tomar() async {
        if !ocupado {
            ocupado = true
            return
        }
        await withCheckedContinuation { espera.append($0) }
    }

    func soltar() {
        if espera.isEmpty { ocupado = false } else { espera.removeFirst().resume() }
    }
}

extension Database {
    /// A write transaction. On SQLite, write transactions of this process take turns: two deferred
    /// transactions that both read and then write would otherwise make SQLite refuse one of them
    /// (SQLITE_BUSY). PostgreSQL handles concurrent transactions itself. Never nest these.
    func escribir<T: Sendable>(_ cuerpo: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await transaction(cuerpo)
        }
        await Escritura.sqlite.tomar()
        do {
            let r = try await transaction(cuerpo)
            await Escritura.sqlite.soltar()
            return r
        } catch {
            await Escritura.sqlite.soltar()
            throw error
        }
    }
}

enum Escritura {
    static let sqlite = CerrojoAsincrono()
}
