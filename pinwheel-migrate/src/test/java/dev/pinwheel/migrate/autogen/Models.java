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
        return TestVenv.python(Path.of("target/sqlalchemy-venv").toAbsolutePath(), "sqlalchemy>=2,<3", "psycopg2-binary");
    }

    /** Runs {@code metadata.create_all()} of {@code target} on {@code sqlalchemyUrl}, as the reference schema. */
    static void createAll(Path project, String target, String sqlalchemyUrl) {
        String[] parts = target.split(":");
        String script = "import importlib, sys\nfrom sqlalchemy import create_engine, MetaData\n"
                + "sys.path.insert(0, '.')\nobj = importlib.import_module('" + parts[0] + "')\n"
                + "for a in '" + parts[1] + "'.split('.'): obj = getattr(obj, a)\n"
                + "md = obj if isinstance(obj, MetaData) else obj.metadata\n"
                + "md.create_all(create_engine(sys.argv[1]))\n";
        // SQLAlchemy 2.1 defaults postgresql:// to psycopg 3; the venv has psycopg2.
        String url = sqlalchemyUrl.replaceFirst("^postgresql://", "postgresql+psycopg2://");
        var r = dev.pinwheel.support.Subprocess.run(java.util.List.of(python().toString(), "-c", script, url),
                project, null, null, java.time.Duration.ofMinutes(2));
        if (!r.ok()) {
            throw new IllegalStateException("create_all failed: " + r.stderr());
        }
    }

    /** Writes {@code app/models.py} with {@code source} into a project at {@code root}. */
    static Path project(Path root, String source) throws IOException {
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/__init__.py"), "");
        Files.writeString(root.resolve("app/models.py"), source);
        return root;
    }

    /** A tree of categories and stock with composite keys, a self-reference and multi-column constraints. */
    static final String INVENTORY = """
            from decimal import Decimal
            from typing import Optional
            from sqlalchemy import (MetaData, Table, Column, Integer, BigInteger, String, Numeric, Boolean, Text,
                                    ForeignKey, ForeignKeyConstraint, UniqueConstraint, CheckConstraint, Index,
                                    PrimaryKeyConstraint, text)

            metadata = MetaData()

            category = Table("category", metadata,
                Column("id", Integer, primary_key=True),
                Column("parent_id", Integer, ForeignKey("category.id", ondelete="SET NULL")),
                Column("slug", String(40), nullable=False),
                Column("title", Text),
                UniqueConstraint("parent_id", "slug", name="uq_category_parent_slug"))

            stock = Table("stock", metadata,
                Column("warehouse", String(10)),
                Column("sku", String(20)),
                Column("category_id", Integer, nullable=False),
                Column("qty", BigInteger, nullable=False, server_default=text("0")),
                Column("price", Numeric(12, 3)),
                Column("active", Boolean, nullable=False, server_default=text("true")),
                PrimaryKeyConstraint("warehouse", "sku", name="pk_stock"),
                ForeignKeyConstraint(["category_id"], ["category.id"], name="fk_stock_category",
                                     onupdate="CASCADE", ondelete="RESTRICT"),
                CheckConstraint("qty >= 0", name="ck_stock_qty"),
                Index("ix_stock_cat_qty", "category_id", text("qty DESC")),
                Index("ix_stock_active_sku", "sku", unique=True, postgresql_where=text("active"),
                      sqlite_where=text("active")))
            """;

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
