import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// The notifications outbox: enqueue (idempotent by `clave`), list a person's, and send pending
/// ones through a sendmail-compatible command, or log them when none is configured.
enum AvisosService {
    /// Enqueues a notice to a servant (and to the account linked to them) unless one with the same
    /// `clave` exists. Returns whether a new one was made.
    @discardableResult
    static func encolar(on db: any Database, entidadID: UUID, servidorID: UUID?, usuarioID: UUID? = nil, clave: String,
                        asunto: String, cuerpo: String, enlace: String?) async throws -> Bool {
        if try await Aviso.query(on: db).filter(\.$clave == clave).count() > 0 { return false }
        var correo: String?
        var usuario = usuarioID
        if let servidorID {
            correo = try await Servidor.find(servidorID, on: db)?.correo
            if usuario == nil {
                usuario = try await Usuario.query(on: db).filter(\.$servidor.$id == servidorID).filter(\.$activo == true).first()?.id
            }
        }
        let a = Aviso()
        a.$entidad.id = entidadID
        a.$servidor.id = servidorID
        a.$usuario.id = usuario
        a.clave = String(clave.prefix(250))
        a.correo = correo
        a.asunto = asunto
        a.cuerpo = cuerpo
        a.enlace = enlace
        a.estado = (correo?.isEmpty ?? true) ? .sinCorreo : .pendiente
        a.intentos = 0
        a.leido = false
        try await a.create(on: db)
        return true
    }

    /// Enqueues a notice to every active Talento Humano account of the entity.
    static func encolarATalentoHumano(on db: any Database, entidadID: UUID, clave: String, asunto: String,
                                      cuerpo: String, enlace: String?) async throws {
        let cuentas = try await Usuario.query(on: db).filter(\.$entidad.$id == entidadID)
            .filter(\.$rol == .talentoHumano).filter(\.$activo == true).all()
        for u in cuentas {
            // The account's servant (when linked) gives the e-mail address.
            try await encolar(on: db, entidadID: entidadID, servidorID: u.$servidor.id, usuarioID: u.id, clave: "\(clave)|\(u.id!.uuidString)",
                              asunto: asunto, cuerpo: cuerpo, enlace: enlace)
        }
    }

    /// The actor's notices, newest first.
    static func mios(_ actor: Actor, limite: Int = 50, on db: any Database) async throws -> [Aviso] {
        try await Aviso.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .group(.or) { g in
                g.filter(\.$usuario.$id == actor.usuarioID)
                if let s = actor.servidorID { g.filter(\.$servidor.$id == s) }
            }
            .sort(\.$createdAt, .descending).limit(limite).all()
    }

    static func noLeidos(_ actor: Actor, on db: any Database) async throws -> Int {
        try await Aviso.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$leido == false)
            .group(.or) { g in
                g.filter(\.$usuario.$id == actor.usuarioID)
                if let s = actor.servidorID { g.filter(\.$servidor.$id == s) }
            }.count()
    }

    static func marcarLeidos(_ actor: Actor, on db: any Database) async throws {
        let mios = try await mios(actor, limite: 500, on: db).filter { !$0.leido }
        guard !mios.isEmpty else { return }
        try await db.escribir { db in
            for a in mios {
                a.leido = true
                try await a.save(on: db)
            }
        }
    }

    /// Sends up to `limite` pending notices. With `comando` (e.g. "/usr/sbin/sendmail -t") each message is
    /// piped to it; without, it is written to the log and marked `registrado`. The batch is claimed in a
    /// short transaction (on PostgreSQL with `SKIP LOCKED`, so overlapping runs never take the same notice)
    /// and sent outside any transaction, so a slow mail command never holds the database; each result is
    /// then recorded. A claim left by a run that died is released after an hour.
    static func enviarPendientes(on db: any Database, comando: String?, remitente: String, urlPublica: String? = nil,
                                 logger: Logger, limite: Int = 500, ahora: Date = Date()) async throws
        -> (enviados: Int, registrados: Int, fallidos: Int) {
        let ids: [UUID] = try await db.escribir { db in
            try await Aviso.query(on: db).filter(\.$estado == .enviando).filter(\.$enviadoAt < ahora.addingTimeInterval(-3600))
                .set(\.$estado, to: .pendiente).update()
            var ids: [UUID]
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                struct Fila: Decodable { let id: UUID }
                ids = try await sql.raw("""
                    SELECT id FROM avisos WHERE estado = 'pendiente' ORDER BY created_at LIMIT \(unsafeRaw: String(limite)) FOR UPDATE SKIP LOCKED
                    """).all(decoding: Fila.self).map(\.id)
            } else {
                ids = try await Aviso.query(on: db).filter(\.$estado == .pendiente).sort(\.$createdAt).limit(limite).all(\.$id)
            }
            if !ids.isEmpty {
                try await Aviso.query(on: db).filter(\.$id ~~ ids).set(\.$estado, to: .enviando).set(\.$enviadoAt, to: ahora).update()
            }
            return ids
        }
        var r = (enviados: 0, registrados: 0, fallidos: 0)
        guard !ids.isEmpty else { return r }
        let tomados = try await Aviso.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt).all()
        // Results are recorded every few messages, in one short transaction each: a run that dies
        // leaves at most that many sent notices still claimed (to be sent again after the hour).
        var porGuardar: [Aviso] = []
        func guardar() async throws {
            guard !porGuardar.isEmpty else { return }
            let lote = porGuardar
            porGuardar = []
            try await db.escribir { db in for a in lote { try await a.save(on: db) } }
        }
        for a in tomados {
            a.intentos += 1
            if let comando, !comando.isEmpty {
                do {
                    let enlace = a.enlace.flatMap { e in urlPublica.map { "\n\nPara verlo en Pacta: \($0)\(e)" } } ?? ""
                    try Sendmail.enviar(comando: comando, de: remitente, para: a.correo ?? "", asunto: a.asunto, cuerpo: a.cuerpo + enlace)
                    a.estado = .enviado
                    a.enviadoAt = Date()
                    a.error = nil
                    r.enviados += 1
                } catch {
                    a.error = String(describing: error).prefix(500).description
                    a.estado = a.intentos >= 5 ? .fallido : .pendiente
                    a.enviadoAt = nil
                    r.fallidos += 1
                }
            } else {
                logger.info("Aviso para \(a.correo ?? "-"): \(a.asunto)")
                a.estado = .registrado
                a.enviadoAt = Date()
                r.registrados += 1
            }
            porGuardar.append(a)
            if porGuardar.count >= 25 { try await guardar() }
        }
        try await guardar()
        return r
    }
}

/// Pipes an RFC 5322 message to a sendmail-compatible command.
enum Sendmail {
    struct Fallo: Error, CustomStringConvertible {
        let description: String
    }

    static func mensaje(de: String, para: String, asunto: String, cuerpo: String) -> String {
        // Headers must be ASCII: encode the subject as RFC 2047 base64 UTF-8.
        let asuntoCodificado = "=?UTF-8?B?\(Data(asunto.utf8).base64EncodedString())?="
        let limpio = { (s: String) in s.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "") }
        return """
        From: \(limpio(de))
        To: \(limpio(para))
        Subject: \(asuntoCodificado)
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        \(cuerpo)

        """
    }

    static func enviar(comando: String, de: String, para: String, asunto: String, cuerpo: String) throws {
        guard !para.isEmpty, para.contains("@") else { throw Fallo(description: "Sin dirección de correo.") }
        let partes = comando.split(separator: " ").map(String.init)
        guard let ejecutable = partes.first else { throw Fallo(description: "Comando de correo vacío.") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ejecutable)
        p.arguments = Array(partes.dropFirst())
        let entrada = Pipe()
        p.standardInput = entrada
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        // A command that exits before reading must fail this send, not kill Pacta with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        do {
            try entrada.fileHandleForWriting.write(contentsOf: Data(mensaje(de: de, para: para, asunto: asunto, cuerpo: cuerpo).utf8))
            try entrada.fileHandleForWriting.close()
        } catch {
            p.waitUntilExit()
            throw Fallo(description: "El comando de correo no recibió el mensaje (terminó con código \(p.terminationStatus)).")
        }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Fallo(description: "El comando de correo terminó con código \(p.terminationStatus).") }
    }
}

/// A reminder run of one capability for `pacta recordatorios`: enqueues what is due and returns a summary line.
typealias FuenteDeRecordatorios = @Sendable (any Database, Fecha) async throws -> String

extension Application {
    private struct FuentesDeRecordatoriosKey: StorageKey { typealias Value = [FuenteDeRecordatorios] }

    /// The capabilities whose reminders `pacta recordatorios` runs besides the EDL's (registered in configure).
    var fuentesDeRecordatorios: [FuenteDeRecordatorios] {
        get { storage[FuentesDeRecordatoriosKey.self] ?? [] }
        set { storage[FuentesDeRecordatoriosKey.self] = newValue }
    }
}
