import Vapor

extension Layout.Presente {
    /// The signed-in account of the request, its entity and the session's CSRF token: what the
    /// platform's frame cannot look up itself. configure sets it as `Application.presente`.
    @Sendable static func deLaSesion(_ req: Request) async throws -> Layout.Presente {
        let usuario = req.auth.get(Usuario.self)
        let actor = try? req.actor()
        var entidad: String?
        if let actor { entidad = try await Entidad.find(actor.entidadID, on: req.db)?.nombre }
        return Layout.Presente(actor: actor, usuario: usuario?.nombre, rol: usuario?.rol.nombre, entidad: entidad,
                               csrf: req.hasSession ? CSRFMiddleware.token(req) : "")
    }
}
