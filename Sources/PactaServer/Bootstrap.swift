import Fluent
import Foundation
import PactaCore
import Vapor

/// First start: an entity and an administrator, so a new installation can be signed into at once.
enum Bootstrap {
    static func primerInicio(_ app: Application) async throws {
        guard try await Usuario.query(on: app.db).count() == 0 else { return }
        let settings = app.pacta
        let generada = settings.adminPassword == nil
        let clave = settings.adminPassword ?? Tokens.nuevo().prefix(16) + "9"
        let hash = try await app.password.async.hash(String(clave))
        try await app.db.escribir { db in
            let entidad = Entidad(nombre: Environment.get("PACTA_ENTIDAD_NOMBRE") ?? "Entidad principal",
                                  sigla: Environment.get("PACTA_ENTIDAD_SIGLA") ?? "ENT")
            try await entidad.create(on: db)
            let admin = Usuario(entidadID: entidad.id!, nombreUsuario: settings.adminUser, nombre: "Administrador", passwordHash: hash,
                                rol: .administrador, debeCambiarContrasena: generada, esAdministradorGlobal: true)
            try await admin.create(on: db)
            try await AuditLog.registrar(on: db, actor: nil, accion: "crear (primer inicio)", tipo: "entidad", id: entidad.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: EntidadDTO(entidad), entidadID: entidad.id)
            try await AuditLog.registrar(on: db, actor: nil, accion: "crear (primer inicio)", tipo: "usuario", id: admin.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: UsuarioDTO(admin), entidadID: entidad.id)
        }
        let aviso = generada
            ? "Primer inicio: ingrese con el usuario «\(settings.adminUser)» y la contraseña de un solo uso «\(clave)». Pacta le pedirá cambiarla."
            : "Primer inicio: ingrese con el usuario «\(settings.adminUser)» y la contraseña de PACTA_ADMIN_PASSWORD."
        app.logger.notice("\(aviso)")
        if app.environment != .testing { print(aviso) }
    }
}
