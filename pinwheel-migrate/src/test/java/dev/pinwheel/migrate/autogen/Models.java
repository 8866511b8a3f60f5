package dev.pinwheel.migrate.autogen;

import dev.pinwheel.testkit.TestVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test interpreter (a venv with SQLAlchemy 2 from PyPI, made once per build) and model projects. */
final class Models {

    private Models() {
    }

    static Path python() {
        return TestVenv.python(Path.of("target/sqlalchemy-venv").toAbsolutePath(), "sqlalchemy>=2,<3");
    }

    /** Writes {@code app/models.py} with {@code source} into a project at {@code root}. */
    static Path project(Path root, String source) throws IOException {
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/__init__.py"), "");
        Files.writeString(root.resolve("app/models.py"), source);
        return root;
    }

    /** Users and posts: identity, enum, sequence, unique, check, FK with ON DELETE, expression and partial index. */
    static final String BLOG = """
            import enum
            from datetime import datetime
            from typing import Optional
            from sqlalchemy import (MetaData, String, ForeignKey, Index, CheckConstraint, Enum, Sequence, Identity,
                                    text, func, Numeric)
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

            class Status(enum.Enum):
                active = "active"
                banned = "banned"

            class Base(DeclarativeBase):
                metadata = MetaData(naming_convention={
                    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
                    "ck": "ck_%(table_name)s_%(constraint_name)s",
                    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"})

            class User(Base):
                __tablename__ = "users"
                __table_args__ = (CheckConstraint("length(email) > 3", name="email_len"), {"comment": "people"})
                id: Mapped[int] = mapped_column(Identity(), primary_key=True)
                email: Mapped[str] = mapped_column(String(200), unique=True, comment="login")
                status: Mapped[Status] = mapped_column(Enum(Status, name="user_status"), server_default="active")
                created: Mapped[datetime] = mapped_column(server_default=func.now())
                score: Mapped[Optional[float]] = mapped_column(Numeric(10, 2))

            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)
                user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
                title: Mapped[str] = mapped_column(String(100))
                published: Mapped[bool] = mapped_column(default=False)
                __table_args__ = (Index("ix_posts_title_lower", func.lower(title), postgresql_where=text("published")),)
            """;
}
