import Fluent
import Foundation
import Vapor

/// Something another capability does when Estructura records a situación administrativa (the
/// EDL opens parciales and moves evaluations). It runs inside the transaction that records the
/// situation, after the servant's change is saved, so a failure undoes the whole.
protocol SuscriptorDeSituaciones: Sendable {
    func alRegistrarSituacion(_ r: SituacionAdministrativa, servidor: Servidor, on db: any Database) async throws
}

/// The app's subscribers to situaciones administrativas, registered in configure. Estructura
/// publishes to them instead of calling the capabilities above it.
///
/// `SituacionesService.registrar` gets only the `Database` (the web, the API, the tests), so,
/// like `AuditStores`, this rides on the app's database configurations as a model middleware
/// (which lets every model through untouched).
final class SuscriptoresDeSituaciones: AnyModelMiddleware, @unchecked Sendable {   // mutable state behind `lock`
    private let lock = NSLock()
    private var suscriptores: [any SuscriptorDeSituaciones] = []

    func suscribir(_ s: any SuscriptorDeSituaciones) {
        lock.withLock { suscriptores.append(s) }
    }

    /// Tells every subscriber, in the order they subscribed.
    func publicar(_ r: SituacionAdministrativa, servidor: Servidor, on db: any Database) async throws {
        for s in lock.withLock({ suscriptores }) {
            try await s.alRegistrarSituacion(r, servidor: servidor, on: db)
        }
    }

    /// Every model goes through untouched: this middleware only carries the subscribers.
    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        next.handle(event, model, on: db)
    }

    struct Key: StorageKey { typealias Value = SuscriptoresDeSituaciones }

    /// Gives the app and its databases an empty list of subscribers (call once in configure, after the databases).
    static func instalar(en app: Application) {
        let suscriptores = SuscriptoresDeSituaciones()
        app.storage[Key.self] = suscriptores
        for id in app.databases.ids() { app.databases.middleware.use(suscriptores, on: id) }
    }
}

struct SuscriptoresDeSituacionesMissing: Error, CustomStringConvertible {
    var description: String { "Los suscriptores de situaciones administrativas no están instalados (SuscriptoresDeSituaciones.instalar en configure)." }
}

extension Application {
    /// Where capabilities subscribe to situaciones administrativas (`app.situaciones.suscribir(…)`).
    var situaciones: SuscriptoresDeSituaciones {
        get throws {
            guard let s = storage[SuscriptoresDeSituaciones.Key.self] else { throw SuscriptoresDeSituacionesMissing() }
            return s
        }
    }
}

extension Database {
    var situaciones: SuscriptoresDeSituaciones {
        get throws {
            guard let s = context.configuration.middleware.lazy.compactMap({ $0 as? SuscriptoresDeSituaciones }).first else {
                throw SuscriptoresDeSituacionesMissing()
            }
            return s
        }
    }
}
