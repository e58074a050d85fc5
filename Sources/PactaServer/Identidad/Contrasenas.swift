import NIOPosix
import Vapor

/// Password hashing runs on a thread pool of its own.
///
/// bcrypt at cost 12 takes a quarter of a second of CPU. On Vapor's shared pool it queued in front of the
/// SQLite driver's blocking calls, which run on that same pool while holding a connection: forty
/// simultaneous sign-ins made the other requests wait for a connection until the pool timed out (500s).
/// Here sign-ins wait for each other and database work goes on.
extension Application {
    private struct HilosDeContrasenasKey: StorageKey { typealias Value = NIOThreadPool }

    /// Started on first use, shut down with the application.
    var hilosDeContrasenas: NIOThreadPool {
        if let pool = storage[HilosDeContrasenasKey.self] { return pool }
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        storage.set(HilosDeContrasenasKey.self, to: pool, onShutdown: { try $0.syncShutdownGracefully() })
        return pool
    }
}

extension Request {
    /// bcrypt on the passwords' own thread pool (see `Application.hilosDeContrasenas`).
    var contrasenas: AsyncPasswordHasher {
        application.password.sync.async(on: application.hilosDeContrasenas, hopTo: eventLoop)
    }
}
