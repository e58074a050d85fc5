import Fluent
import Foundation
import PactaCore
import Vapor

/// Sign-in with throttling of failed attempts, shared by every instance through the database.
enum Acceso {
    static let ventana = TimeInterval(PoliticaDeAcceso.ventanaSegundos)
    static let maximoPorUsuario = PoliticaDeAcceso.maximoPorUsuario

    static func autenticar(nombreUsuario: String, contrasena: String, ip: String, on req: Request) async throws -> Usuario {
        let nombre = nombreUsuario.trimmingCharacters(in: .whitespaces).lowercased()
        guard !nombre.isEmpty, !contrasena.isEmpty else {
            throw PactaError.validacion(["nombreUsuario": "Escriba su usuario y su contraseña."])
        }
        let desde = Date().addingTimeInterval(-ventana)
        let fallidosUsuario = try await IntentoDeAcceso.query(on: req.db)
            .filter(\.$nombreUsuario == nombre).filter(\.$exitoso == false).filter(\.$momento > desde).count()
        let fallidosIP = try await IntentoDeAcceso.query(on: req.db)
            .filter(\.$ip == ip).filter(\.$exitoso == false).filter(\.$momento > desde).count()
        if PoliticaDeAcceso.bloqueado(fallidosUsuario: fallidosUsuario, fallidosIP: fallidosIP) {
            throw PactaError(status: .tooManyRequests,
                             mensaje: "Demasiados intentos fallidos. Por seguridad, espere 15 minutos antes de intentarlo de nuevo.")
        }
        let usuario = try await Usuario.query(on: req.db).filter(\.$nombreUsuario == nombre).first()
        let valido: Bool
        if let usuario, usuario.activo {
            valido = try await req.password.async.verify(contrasena, created: usuario.passwordHash)
        } else {
            // Spend the same time as a real check so existence of accounts does not leak.
            _ = try? await req.password.async.hash(contrasena)
            valido = false
        }
        try await IntentoDeAcceso(nombreUsuario: nombre, ip: ip, exitoso: valido, momento: Date()).create(on: req.db)
        guard valido, let usuario else {
            throw PactaError(status: .unauthorized, mensaje: "Usuario o contraseña incorrectos.")
        }
        return usuario
    }

    static func ip(_ req: Request) -> String {
        if req.application.pacta.trustProxy,
           let reenviada = req.headers.first(name: "X-Forwarded-For")?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
           !reenviada.isEmpty {
            return reenviada
        }
        return req.remoteAddress?.ipAddress ?? "desconocida"
    }
}
