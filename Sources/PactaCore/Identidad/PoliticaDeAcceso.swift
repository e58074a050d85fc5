/// Rules for passwords and for throttling sign-in attempts.
public enum PoliticaDeAcceso {
    public static let longitudMinima = 10
    /// Failed attempts allowed, per account and per address, inside `ventanaSegundos`.
    public static let maximoPorUsuario = 5
    public static let maximoPorIP = 30
    public static let ventanaSegundos = 15 * 60

    /// Spanish messages per field ("nueva", "confirmacion"); empty when the new password is acceptable.
    public static func validarNuevaContrasena(_ nueva: String, confirmacion: String, actual: String? = nil) -> [String: String] {
        var e: [String: String] = [:]
        if nueva.count < longitudMinima {
            e["nueva"] = "La contraseña debe tener al menos \(longitudMinima) caracteres."
        } else if !nueva.contains(where: \.isLetter) || !nueva.contains(where: \.isNumber) {
            e["nueva"] = "La contraseña debe combinar letras y números."
        } else if let actual, actual == nueva {
            e["nueva"] = "La nueva contraseña debe ser distinta de la actual."
        }
        if nueva != confirmacion { e["confirmacion"] = "La confirmación no coincide con la nueva contraseña." }
        return e
    }

    /// Whether more sign-in attempts must be refused for now.
    public static func bloqueado(fallidosUsuario: Int, fallidosIP: Int) -> Bool {
        fallidosUsuario >= maximoPorUsuario || fallidosIP >= maximoPorIP
    }

    /// What happens to a new sign-in attempt, given the failed attempts in the window and those still being
    /// checked, per account and per address.
    public enum Turno: Sendable, Equatable {
        /// Record it as being checked and check the password.
        case adelante
        /// Only attempts still being checked fill a quota: wait for them rather than refuse.
        case esperar
        /// The failures alone fill a quota: refuse (429).
        case bloqueado
    }

    /// Attempts still being checked count as failures, so simultaneous attempts can never check more passwords
    /// than the limit allows; they only make the next one wait.
    public static func turno(fallidosUsuario: Int, enCursoUsuario: Int, fallidosIP: Int, enCursoIP: Int) -> Turno {
        if bloqueado(fallidosUsuario: fallidosUsuario, fallidosIP: fallidosIP) { return .bloqueado }
        if bloqueado(fallidosUsuario: fallidosUsuario + enCursoUsuario, fallidosIP: fallidosIP + enCursoIP) { return .esperar }
        return .adelante
    }
}
