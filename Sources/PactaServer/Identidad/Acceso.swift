import Fluent
import SQLKit
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
        let intento = try await reservar(nombre: nombre, ip: ip, on: req)
        let usuario = try await Usuario.query(on: req.db).filter(\.$nombreUsuario == nombre).first()
        let valido: Bool
        if let usuario, usuario.activo {
            valido = try await req.contrasenas.verify(contrasena, created: usuario.passwordHash)
        } else {
            // Spend the same time as a real check so existence of accounts does not leak.
            _ = try? await req.contrasenas.hash(contrasena)
            valido = false
        }
        intento.exitoso = valido
        intento.pendiente = false
        try await req.db.escribir { db in try await intento.save(on: db) }
        guard valido, let usuario else {
            throw PactaError(status: .unauthorized, mensaje: "Usuario o contraseña incorrectos.")
        }
        return usuario
    }

    /// How long an attempt may stay pending (a bcrypt check takes well under a second).
    static let vidaPendiente: TimeInterval = 60
    /// How long an attempt waits for the attempts in course ahead of it before giving up.
    static let esperaMaxima: TimeInterval = 15

    /// Records the attempt as pending, or refuses it. Counting and recording happen under one lock per
    /// account and address (PostgreSQL advisory locks; on SQLite, writes take turns), and attempts still
    /// being checked count: at most `maximoPorUsuario` wrong passwords per account, and `maximoPorIP` per
    /// address, are ever checked in a window, whatever the concurrency or the number of instances. When only
    /// the attempts in course fill the quota (an office behind one address signing in at 8:00), it waits for
    /// them instead of refusing.
    static func reservar(nombre: String, ip: String, on req: Request) async throws -> IntentoDeAcceso {
        enum Reserva: Sendable { case adelante(IntentoDeAcceso), bloqueado, esperar }
        let limite = Date().addingTimeInterval(esperaMaxima)
        while true {
            let r = try await req.db.escribir { db -> Reserva in
                if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "acceso:usuario:" + nombre)))").run()
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "acceso:ip:" + ip)))").run()
                }
                let ahora = Date()
                let desde = ahora.addingTimeInterval(-ventana)
                let vivos = ahora.addingTimeInterval(-vidaPendiente)
                func contar(_ campo: KeyPath<IntentoDeAcceso, FieldProperty<IntentoDeAcceso, String>>, _ valor: String) async throws -> (fallidos: Int, enCurso: Int) {
                    let sinExito = try await IntentoDeAcceso.query(on: db).filter(campo == valor)
                        .filter(\.$exitoso == false).filter(\.$momento > desde).count()
                    let enCurso = try await IntentoDeAcceso.query(on: db).filter(campo == valor)
                        .filter(\.$pendiente == true).filter(\.$momento > vivos).count()
                    return (sinExito - enCurso, enCurso)
                }
                let u = try await contar(\.$nombreUsuario, nombre)
                let i = try await contar(\.$ip, ip)
                switch PoliticaDeAcceso.turno(fallidosUsuario: u.fallidos, enCursoUsuario: u.enCurso, fallidosIP: i.fallidos, enCursoIP: i.enCurso) {
                case .bloqueado: return .bloqueado
                case .esperar: return .esperar
                case .adelante: break
                }
                let intento = IntentoDeAcceso(nombreUsuario: nombre, ip: ip, exitoso: false, momento: ahora, pendiente: true)
                try await intento.create(on: db)
                return .adelante(intento)
            }
            switch r {
            case .adelante(let intento):
                return intento
            case .bloqueado:
                throw PactaError(status: .tooManyRequests,
                                 mensaje: "Demasiados intentos fallidos. Por seguridad, espere 15 minutos antes de intentarlo de nuevo.")
            case .esperar:
                guard Date() < limite else {
                    throw PactaError(status: .tooManyRequests,
                                     mensaje: "Hay muchos ingresos en curso desde esta conexión. Intente de nuevo en unos segundos.")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
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
